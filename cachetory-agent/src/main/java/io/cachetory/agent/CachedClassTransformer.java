package io.cachetory.agent;

import java.lang.instrument.ClassFileTransformer;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.security.ProtectionDomain;

/**
 * The transformer the agent registers at start-up. It is a plain {@link ClassFileTransformer} that
 * touches no Byte Buddy class, so a JVM whose classes declare no {@code @Cached} method never loads
 * Byte Buddy at all. For every class the JVM defines (or retransforms) it
 * <ol>
 *   <li>skips classes without a loader (bootstrap), JDK packages, Cachetory's own, Byte Buddy's
 *       (relocated or not) and generated proxies ({@code $ByteBuddy$}, {@code $$}, {@code $MockitoMock$},
 *       {@code CachetoryProxy}),</li>
 *   <li>searches the class file bytes for the descriptor {@code Lio/cachetory/annotations/Cached;}
 *       (a class whose methods carry the annotation has it in its constant pool),</li>
 *   <li>only then (lazily, once) initialises Byte Buddy and inlines {@link CachedMethodAdvice} into
 *       the annotated methods ({@link AdviceInstrumenter}), and records the class with
 *       {@code MemoBridge.markInstrumented}.</li>
 * </ol>
 * No cache work happens here (only the dependency-free {@code markInstrumented}). A failure is
 * reported with one line naming the class, and the class is left as it was.
 */
final class CachedClassTransformer implements ClassFileTransformer {
    static final String CACHED_DESCRIPTOR = "Lio/cachetory/annotations/Cached;";
    static final String BRIDGE = "io.cachetory.memo.MemoBridge";
    private static final byte[] MARKER = CACHED_DESCRIPTOR.getBytes(StandardCharsets.ISO_8859_1);

    private volatile AdviceInstrumenter instrumenter;

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> classBeingRedefined,
                            ProtectionDomain protectionDomain, byte[] classfileBuffer) {
        if (loader == null || className == null || classfileBuffer == null
                || isIgnoredName(className) || !contains(classfileBuffer, MARKER)) {
            return null;
        }
        String name = className.replace('/', '.');
        try {
            Method mark = markMethod(loader);
            if (mark == null) {
                AgentLog.error("cannot instrument " + name + ": " + BRIDGE + " (cachetory-core) is not visible from its class loader "
                        + loader + "; its @Cached methods run uncached", null);
                return null;
            }
            byte[] transformed = instrumenter().instrument(name, loader, classfileBuffer);
            if (transformed == null) {
                return null; // mentions the annotation, but no concrete method carries it
            }
            mark.invoke(null, name);
            return transformed;
        } catch (Throwable t) {
            AgentLog.error("could not instrument " + name + "; its @Cached methods run uncached", t);
            return null;
        }
    }

    private AdviceInstrumenter instrumenter() {
        AdviceInstrumenter current = instrumenter;
        if (current == null) {
            synchronized (this) {
                current = instrumenter;
                if (current == null) {
                    current = new AdviceInstrumenter();
                    instrumenter = current;
                }
            }
        }
        return current;
    }

    /** {@code MemoBridge.markInstrumented} as the class's own loader sees it, or null if it cannot see core. */
    private static Method markMethod(ClassLoader loader) throws NoSuchMethodException {
        Class<?> bridge;
        try {
            bridge = Class.forName(BRIDGE, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
        return bridge.getMethod("markInstrumented", String.class);
    }

    /** Names (internal form) the agent never instruments. */
    static boolean isIgnoredName(String internalName) {
        return internalName.startsWith("java/")
                || internalName.startsWith("javax/")
                || internalName.startsWith("jdk/")
                || internalName.startsWith("sun/")
                || internalName.startsWith("com/sun/")
                || isCachetoryLibrary(internalName)
                || internalName.startsWith("net/bytebuddy/")
                || internalName.startsWith("org/mockito/")
                || internalName.contains("$ByteBuddy$")
                || internalName.contains("$$")
                || internalName.contains("$MockitoMock$")
                || internalName.contains("CachetoryProxy");
    }

    private static final String[] LIBRARY_PACKAGES = {
        "io/cachetory/annotations/", "io/cachetory/serializer/", "io/cachetory/backend/", "io/cachetory/memo/",
        "io/cachetory/proxy/", "io/cachetory/config/", "io/cachetory/redis/", "io/cachetory/agent/"};

    /** Cachetory's own library classes; its samples and benchmarks are applications like any other. */
    static boolean isCachetoryLibrary(String internalName) {
        if (!internalName.startsWith("io/cachetory/")) {
            return false;
        }
        if (internalName.indexOf('/', "io/cachetory/".length()) < 0) {
            return true;
        }
        for (String p : LIBRARY_PACKAGES) {
            if (internalName.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code bytes} contains {@code pattern} (a plain scan; class files are small). */
    static boolean contains(byte[] bytes, byte[] pattern) {
        byte first = pattern[0];
        int last = bytes.length - pattern.length;
        outer:
        for (int i = 0; i <= last; i++) {
            if (bytes[i] != first) {
                continue;
            }
            for (int j = 1; j < pattern.length; j++) {
                if (bytes[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
