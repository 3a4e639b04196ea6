package io.cachetory.memo;

/** PLACEHOLDER until the memoization runtime lands: runs every body uncached. */
final class MemoRuntime {
    private static final MemoRuntime GLOBAL = new MemoRuntime();

    static MemoRuntime global() {
        return GLOBAL;
    }

    Object enter(Class<?> type, String signature, Object self, Object[] args) {
        return null;
    }
}
