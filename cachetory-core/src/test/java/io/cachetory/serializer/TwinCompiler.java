package io.cachetory.serializer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles another version of classes at test time (javax.tools) and loads it in a class loader of
 * its own, beside this JVM's version of the same names: what a JVM running the previous release
 * would hold. The parent is the platform loader, so the sources may use the JDK only.
 */
public final class TwinCompiler {
    private static final JavaCompiler COMPILER = ToolProvider.getSystemJavaCompiler();
    /** Shared: opening the platform's class files again for every compilation costs most of its time. */
    private static final StandardJavaFileManager FILES =
            COMPILER == null ? null : COMPILER.getStandardFileManager(null, null, StandardCharsets.UTF_8);

    private TwinCompiler() {}

    /**
     * @param sources binary class name (of each top-level class) → its source
     * @return a fresh loader holding the compiled classes
     */
    public static URLClassLoader compile(Map<String, String> sources) {
        try {
            Path out = Files.createTempDirectory("cachetory-twin");
            out.toFile().deleteOnExit();
            compileTo(out, sources);
            return new URLClassLoader(new URL[] {out.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Compiles {@code sources} into {@code out} (class files in package folders). */
    public static synchronized void compileTo(Path out, Map<String, String> sources) {
        JavaCompiler compiler = COMPILER;
        if (compiler == null) {
            throw new IllegalStateException("no system Java compiler: run the tests on a JDK");
        }
        List<JavaFileObject> units = new ArrayList<>();
        sources.forEach((name, source) -> units.add(new SimpleJavaFileObject(
                URI.create("string:///" + name.replace('.', '/') + ".java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        }));
        List<String> options = List.of("-d", out.toString(), "--release", "17", "-proc:none");
        java.io.StringWriter errors = new java.io.StringWriter();
        if (!compiler.getTask(errors, FILES, null, options, null, units).call()) {
            throw new IllegalStateException("twin sources do not compile:\n" + errors);
        }
    }

    /** Loads {@code name} from {@code loader}. */
    public static Class<?> load(ClassLoader loader, String name) {
        try {
            return Class.forName(name, false, loader);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
