package com.example.agentapp;

import java.lang.reflect.Method;

/** Output of the test applications: one {@code FACT name=value} line per observation, asserted by the ITs. */
public final class Facts {
    private Facts() {}

    public static void fact(String name, Object value) {
        System.out.println("FACT " + name + "=" + value);
    }

    /** Whether the agent memoizes {@code type}, as the public API reports it. */
    public static boolean marked(Class<?> type) {
        return io.cachetory.Cachetory.isInstrumented(type);
    }

    /** Whether a class of this name has been loaded by the system class loader (without loading it). */
    public static boolean loaded(String className) {
        try {
            Method find = ClassLoader.class.getDeclaredMethod("findLoadedClass", String.class);
            find.setAccessible(true);
            return find.invoke(ClassLoader.getSystemClassLoader(), className) != null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false; // strong encapsulation: callers must not rely on this
        }
    }
}
