package com.example.agentapp;

import java.lang.reflect.Method;

/** Output of the test applications: one {@code FACT name=value} line per observation, asserted by the ITs. */
public final class Facts {
    private Facts() {}

    public static void fact(String name, Object value) {
        System.out.println("FACT " + name + "=" + value);
    }

    /** Whether the agent recorded {@code type} through {@code MemoBridge.markInstrumented}. */
    public static boolean marked(Class<?> type) {
        try {
            Class<?> registry = Class.forName("io.cachetory.memo.InstrumentedTypes");
            Method contains = registry.getDeclaredMethod("contains", String.class);
            contains.setAccessible(true);
            return (Boolean) contains.invoke(null, type.getName());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
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
