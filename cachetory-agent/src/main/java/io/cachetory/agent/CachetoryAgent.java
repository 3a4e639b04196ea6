package io.cachetory.agent;

import java.lang.annotation.Annotation;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;

/**
 * The Cachetory Java agent: memoizes every {@code @Cached} method of application classes (instance and
 * static, any visibility, final or not): classes defined after the agent started are rewritten with
 * plain ASM ({@link AsmInstrumenter}), classes already loaded get {@link CachedMethodAdvice} inlined by
 * Byte Buddy.
 *
 * <pre>
 * java -javaagent:cachetory-agent.jar -cp app.jar:cachetory-core.jar:... com.example.Main
 * </pre>
 * or, without a JVM flag, {@link #install()} early in {@code main} or a test. Start-up stays cheap:
 * only a plain {@link java.lang.instrument.ClassFileTransformer} is registered; Byte Buddy is loaded
 * only when a class already loaded at attach time (or one the ASM fast path declines) needs it.
 */
public final class CachetoryAgent {
    private static final Object START_LOCK = new Object();
    private static final Object INSTALL_LOCK = new Object();
    private static volatile Instrumentation instrumentation;

    private CachetoryAgent() {}

    /** Entry point of {@code -javaagent:cachetory-agent.jar}. */
    public static void premain(String arguments, Instrumentation inst) {
        start(inst, false);
    }

    /** Entry point of a run-time attach ({@link #install()} or an external attach tool). */
    public static void agentmain(String arguments, Instrumentation inst) {
        start(inst, true);
    }

    /**
     * Attaches the agent to the running JVM unless it already runs (idempotent, thread-safe), and
     * retransforms the classes already loaded that declare {@code @Cached} methods. Uses the agent jar
     * this class was loaded from, so that jar must be on the class path. On JDK 21+ start the JVM with
     * {@code -XX:+EnableDynamicAgentLoading} to avoid the JVM's warning about a dynamically loaded agent.
     *
     * @throws IllegalStateException if the agent cannot be attached (e.g. no attach support, or this
     *     class was not loaded from the agent jar)
     */
    public static void install() {
        if (instrumentation != null) {
            return;
        }
        synchronized (INSTALL_LOCK) {
            if (instrumentation != null) {
                return;
            }
            SelfAttach.attach(CachetoryAgent.class);
            if (instrumentation == null) {
                throw new IllegalStateException("cachetory-agent was attached, but its agentmain ran in another copy of "
                        + CachetoryAgent.class.getName() + " than the one loaded by " + CachetoryAgent.class.getClassLoader()
                        + "; put cachetory-agent.jar on the system class path or use -javaagent");
            }
        }
    }

    /** @return whether the agent runs in this JVM (through {@code -javaagent} or {@link #install()}) */
    public static boolean isInstalled() {
        return instrumentation != null;
    }

    private static void start(Instrumentation inst, boolean retransformLoaded) {
        synchronized (START_LOCK) {
            if (instrumentation != null) {
                return;
            }
            silenceByteBuddyUnsafeWarning();
            preloadBridge();
            inst.addTransformer(new CachedClassTransformer(), true);
            instrumentation = inst;
        }
        startWarmUp();
        if (retransformLoaded) {
            retransformLoadedClasses(inst);
        }
    }

    /**
     * Byte Buddy (relocated inside this jar) reads {@code net.bytebuddy.safe}; the shade plugin rewrites
     * this literal to the relocated name, so this sets the property of the agent's copy only and never
     * the application's own Byte Buddy. Set before Byte Buddy loads; JDK 25 then prints no
     * {@code sun.misc.Unsafe} warning.
     */
    private static void silenceByteBuddyUnsafeWarning() {
        String property = "net.bytebuddy.safe";
        if (System.getProperty(property) == null) {
            System.setProperty(property, "true");
        }
    }

    /**
     * Starts a daemon thread that does the runtime's application-independent start-up work (Caffeine)
     * while the application starts, instead of inside its first memoized call.
     */
    private static void startWarmUp() {
        Thread warmUp = new Thread(new WarmUp(), "cachetory-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
    }

    /** A class rather than a lambda: the first lambda of a JVM costs milliseconds to bootstrap. */
    private static final class WarmUp implements Runnable {
        @Override
        public void run() {
            try {
                io.cachetory.memo.MemoBridge.warmUp();
            } catch (LinkageError coreElsewhere) {
                // cachetory-core lives in another loader (an application server): nothing to warm here
            }
        }
    }

    /** Loads (without initialising) the bridge the transformer calls, so it is not first loaded mid-transform. */
    private static void preloadBridge() {
        try {
            Class.forName(CachedClassTransformer.BRIDGE, false, ClassLoader.getSystemClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            // cachetory-core may live in another loader (an application server); checked per class
        }
    }

    private static void retransformLoadedClasses(Instrumentation inst) {
        for (Class<?> type : inst.getAllLoadedClasses()) {
            if (type.getClassLoader() == null || type.isArray() || type.isPrimitive() || type.isHidden()
                    || CachedClassTransformer.isIgnoredName(type.getName().replace('.', '/'))
                    || !inst.isModifiableClass(type) || !declaresCachedMethod(type)) {
                continue;
            }
            try {
                inst.retransformClasses(type);
            } catch (Throwable t) {
                AgentLog.error("could not retransform " + type.getName() + "; its @Cached methods run uncached", t);
            }
        }
    }

    private static boolean declaresCachedMethod(Class<?> type) {
        try {
            for (Method method : type.getDeclaredMethods()) {
                for (Annotation annotation : method.getDeclaredAnnotations()) {
                    if (annotation.annotationType().getName().equals(AdviceInstrumenter.CACHED)) {
                        return true;
                    }
                }
            }
        } catch (Throwable e) {
            // a class whose methods cannot be resolved (missing dependency) is not one we can handle
        }
        return false;
    }
}
