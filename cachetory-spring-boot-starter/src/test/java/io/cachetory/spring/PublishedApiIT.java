package io.cachetory.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's "API" table lists exactly the public top-level types of the six published jars, as
 * packaged (the agent's relocated Byte Buddy aside): a type made public or package-private without
 * the table following fails here. Access flags are read from the class files, so no class is loaded.
 */
class PublishedApiIT {
    private static final Pattern ROW = Pattern.compile("^\\| `(io\\.cachetory[a-z.]*)`[^|]*\\| ([^|]*)\\|");
    private static final Pattern TYPE = Pattern.compile("`([A-Z][A-Za-z0-9]*)`");
    private static final int ACC_PUBLIC = 0x0001;

    @Test
    void theReadmeListsExactlyThePublicTypesOfEveryPublishedJar() throws Exception {
        TreeMap<String, Set<String>> published = new TreeMap<>();
        for (Path jarPath : JarModuleNamesIT.jarsByModuleName().values()) {
            try (JarFile jar = new JarFile(jarPath.toFile())) {
                for (JarEntry e : jar.stream().toList()) {
                    String file = e.getName();
                    if (!file.startsWith("io/cachetory/") || !file.endsWith(".class") || file.contains("$")
                            || file.startsWith("io/cachetory/agent/shaded/") || file.endsWith("-info.class")) {
                        continue;
                    }
                    try (InputStream in = jar.getInputStream(e)) {
                        if ((accessFlags(in) & ACC_PUBLIC) != 0) {
                            String name = file.substring(0, file.length() - ".class".length());
                            int slash = name.lastIndexOf('/');
                            published.computeIfAbsent(name.substring(0, slash).replace('/', '.'), p -> new TreeSet<>())
                                    .add(name.substring(slash + 1));
                        }
                    }
                }
            }
        }
        TreeMap<String, Set<String>> listed = new TreeMap<>();
        for (String line : Files.readAllLines(readme())) {
            Matcher row = ROW.matcher(line);
            if (row.find()) {
                Matcher type = TYPE.matcher(row.group(2));
                while (type.find()) {
                    listed.computeIfAbsent(row.group(1), p -> new TreeSet<>()).add(type.group(1));
                }
            }
        }
        assertThat(published).containsKeys("io.cachetory", "io.cachetory.redis", "io.cachetory.agent",
                "io.cachetory.micrometer", "io.cachetory.spring");
        assertThat(listed).isEqualTo(published);
    }

    /** The class's access flags: after the magic, the versions and the constant pool. */
    private static int accessFlags(InputStream raw) throws IOException {
        DataInputStream in = new DataInputStream(raw);
        in.readInt();
        in.readUnsignedShort();
        in.readUnsignedShort();
        int count = in.readUnsignedShort();
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> in.skipNBytes(in.readUnsignedShort()); // Utf8
                case 7, 8, 16, 19, 20 -> in.skipNBytes(2);
                case 15 -> in.skipNBytes(3);
                case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipNBytes(4);
                case 5, 6 -> {
                    in.skipNBytes(8);
                    i++; // a long or double takes two slots
                }
                default -> throw new IOException("unknown constant pool tag " + tag);
            }
        }
        return in.readUnsignedShort();
    }

    private static Path readme() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("ARCHITECTURE.md"))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("the repository root above " + Path.of("").toAbsolutePath()).isNotNull();
        return dir.resolve("README.md");
    }
}
