package io.cachetory.agent;

import java.lang.instrument.ClassFileTransformer;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.security.ProtectionDomain;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * The transformer the agent registers at start-up. It is a plain {@link ClassFileTransformer} that
 * touches no Byte Buddy class. For every class the JVM defines (or retransforms) it
 * <ol>
 *   <li>skips classes without a loader (bootstrap), JDK packages, Cachetory's own, Byte Buddy's
 *       (relocated or not) and generated proxies ({@code $ByteBuddy$}, {@code $$}, {@code $MockitoMock$},
 *       {@code CachetoryProxy}),</li>
 *   <li>searches the class file bytes for the descriptor {@code Lio/cachetory/annotations/Cached;}
 *       (a class whose methods carry the annotation has it in its constant pool),</li>
 *   <li>at definition (and on a retransformation of a class it split at definition) splits the
 *       {@code @Cached} methods with plain ASM ({@link AsmInstrumenter}, no Byte Buddy class loaded);</li>
 *   <li>otherwise (a class loaded before the agent, or one the fast path declines) lazily, once,
 *       initialises Byte Buddy and inlines {@link CachedMethodAdvice} into the annotated methods
 *       ({@link AdviceInstrumenter});</li>
 *   <li>records the class with {@code MemoBridge.markInstrumented}.</li>
 * </ol>
 * No cache work happens here (only the dependency-free {@code markInstrumented}). A failure is
 * reported with one line naming the class, and the class is left as it was.
 */
final class CachedClassTransformer implements ClassFileTransformer {
    static final String CACHED_DESCRIPTOR = "L" + AdviceInstrumenter.CACHED.replace('.', '/') + ";";
    static final String BRIDGE = "io.cachetory.memo.MemoBridge";
    private static final byte[] MARKER = CACHED_DESCRIPTOR.getBytes(StandardCharsets.ISO_8859_1);

    /** Off with {@code -Dcachetory.agent.fastPath=false}: every class then goes through Byte Buddy. */
    static final boolean FAST_PATH = !"false".equalsIgnoreCase(System.getProperty("cachetory.agent.fastPath"));
    private static final byte[] BODY_MARKER = AsmInstrumenter.BODY_SUFFIX.getBytes(StandardCharsets.ISO_8859_1);

    private volatile AdviceInstrumenter instrumenter;
    /** The classes (by loader and internal name) the fast path instrumented when they were defined. */
    private final Map<ClassLoader, Set<String>> fastPathClasses = new WeakHashMap<>();

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
            if (contains(classfileBuffer, BODY_MARKER)) {
                return null; // this class file already went through the fast path (e.g. written out after instrumentation)
            }
            byte[] transformed = null;
            boolean done = false;
            // At definition the fast path may add members. On a retransformation (Mockito's inline mock
            // maker, install()) the JVM hands us the original class file again: re-applying the same
            // transformation yields the same members, so it is allowed for the classes the fast path
            // instrumented at definition; the others (loaded before the agent) keep their members and
            // go through Byte Buddy's Advice.
            if (FAST_PATH && (classBeingRedefined == null || isFastPathClass(loader, className))) {
                byte[] fast = fastPath(name, classfileBuffer);
                if (fast != AsmInstrumenter.DECLINED) {
                    transformed = fast;
                    done = true;
                    if (fast != null && classBeingRedefined == null) {
                        addFastPathClass(loader, className);
                    }
                }
            }
            if (!done) {
                transformed = instrumenter().instrument(name, loader, classfileBuffer);
            }
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

    /** @return the ASM result, or {@link AsmInstrumenter#DECLINED} to let Byte Buddy try */
    private static byte[] fastPath(String name, byte[] classFile) {
        try {
            return AsmInstrumenter.instrument(classFile);
        } catch (RuntimeException e) {
            // a class file the fast path cannot read (e.g. a newer version than its ASM knows): Byte Buddy
            // gets it, and reports it if it cannot handle it either
            AgentLog.debug("fast path declined " + name + ", using Byte Buddy", e);
            return AsmInstrumenter.DECLINED;
        }
    }

    private boolean isFastPathClass(ClassLoader loader, String className) {
        synchronized (fastPathClasses) {
            Set<String> names = fastPathClasses.get(loader);
            return names != null && names.contains(className);
        }
    }

    private void addFastPathClass(ClassLoader loader, String className) {
        synchronized (fastPathClasses) {
            Set<String> names = fastPathClasses.get(loader);
            if (names == null) { // no lambda: the agent must not be what bootstraps java.lang.invoke at start-up
                names = new HashSet<>();
                fastPathClasses.put(loader, names);
            }
            names.add(className);
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
