package io.cachetory.memo;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Names of classes the agent has instrumented; kept dependency-free so the agent may call it while transforming. */
final class InstrumentedTypes {
    private static final Set<String> NAMES = ConcurrentHashMap.newKeySet();

    private InstrumentedTypes() {}

    static void add(String className) {
        NAMES.add(className);
    }

    static boolean contains(String className) {
        return NAMES.contains(className);
    }
}
