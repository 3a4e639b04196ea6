package io.cachetory;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachetory.annotations.Cached;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README's "API" table lists exactly the public top-level types of cachetory-core and
 * cachetory-annotations, package by package: what javadoc publishes is what the README promises.
 */
class PublicApiTest {
    private static final Pattern ROW = Pattern.compile("^\\| `(io\\.cachetory[a-z.]*)`[^|]*\\| ([^|]*)\\|");
    private static final Pattern TYPE = Pattern.compile("`([A-Z][A-Za-z0-9]*)`");

    @Test
    void theReadmeListsExactlyThePublicTypesOfCoreAndAnnotations() throws Exception {
        TreeMap<String, Set<String>> published = new TreeMap<>();
        for (Class<?> anchor : new Class<?>[] {Cache.class, Cached.class}) {
            for (String name : classNames(Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI()))) {
                Class<?> type = Class.forName(name, false, PublicApiTest.class.getClassLoader());
                if (Modifier.isPublic(type.getModifiers())) {
                    published.computeIfAbsent(type.getPackageName(), p -> new TreeSet<>()).add(type.getSimpleName());
                }
            }
        }
        TreeMap<String, Set<String>> listed = new TreeMap<>();
        for (String line : Files.readAllLines(readme())) {
            Matcher row = ROW.matcher(line);
            if (row.find() && published.containsKey(row.group(1))) {
                Matcher type = TYPE.matcher(row.group(2));
                while (type.find()) {
                    listed.computeIfAbsent(row.group(1), p -> new TreeSet<>()).add(type.group(1));
                }
            }
        }
        assertThat(listed).isEqualTo(published);
    }

    /** Top-level classes under a classes directory or in a jar. */
    private static Set<String> classNames(Path location) throws IOException {
        Set<String> names = new TreeSet<>();
        if (Files.isDirectory(location)) {
            try (Stream<Path> files = Files.walk(location)) {
                files.map(location::relativize).map(Path::toString).forEach(f -> addClass(names, f.replace('\\', '/')));
            }
        } else {
            try (JarFile jar = new JarFile(location.toFile())) {
                jar.stream().forEach(e -> addClass(names, e.getName()));
            }
        }
        return names;
    }

    private static void addClass(Set<String> names, String file) {
        if (file.endsWith(".class") && !file.contains("$") && !file.endsWith("module-info.class")
                && !file.endsWith("package-info.class") && file.startsWith("io/cachetory/")) {
            names.add(file.substring(0, file.length() - ".class".length()).replace('/', '.'));
        }
    }

    private static Path readme() throws URISyntaxException {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("README.md"))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("README.md above " + Path.of("").toAbsolutePath()).isNotNull();
        return dir.resolve("README.md");
    }
}
