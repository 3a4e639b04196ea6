package io.cachetory.backend;

import java.util.ArrayList;
import java.util.List;

/**
 * Who pays for Caffeine's start in this JVM. The first Caffeine cache of a JVM costs ~80–120 ms on
 * these machines (its {@code System.Logger}, which brings up {@code java.util.logging}, then the
 * method and var handles of its generated classes); later ones cost microseconds. The first
 * {@link MemoryBackend} made in a JVM builds its cache at once and pays; a backend made while that
 * is under way (the Java agent's warm-up thread pays it while the application starts) begins on an
 * interim map instead of waiting, and is moved onto its Caffeine cache when the payer is done.
 * Thread-safe.
 */
final class CaffeineStart {
    /** This JVM's: what every backend on the production constructors uses. */
    static final CaffeineStart JVM = new CaffeineStart();

    private final Object lock = new Object();
    /** Guarded by {@link #lock}. */
    private boolean started;
    /** Guarded by {@link #lock}. */
    private boolean underWay;
    /** Backends begun on an interim map meanwhile; guarded by {@link #lock}. */
    private final List<MemoryBackend<?>> waiting = new ArrayList<>();

    /**
     * @return {@code true}: the caller builds its Caffeine cache now and then calls {@link #done};
     *     {@code false}: another thread is starting Caffeine, {@code backend} begins on its interim
     *     map and is moved when that thread is done
     */
    boolean buildNow(MemoryBackend<?> backend) {
        synchronized (lock) {
            if (started) {
                return true;
            }
            if (!underWay) {
                underWay = true;
                return true;
            }
            waiting.add(backend);
            return false;
        }
    }

    /**
     * Called by the thread {@link #buildNow} let start Caffeine, whether that succeeded or not: moves
     * the backends that waited onto caches of their own (on failure each tries again when next written).
     */
    void done(boolean succeeded) {
        List<MemoryBackend<?>> moving;
        synchronized (lock) {
            underWay = false;
            started |= succeeded;
            moving = new ArrayList<>(waiting);
            waiting.clear();
        }
        if (succeeded) {
            for (MemoryBackend<?> backend : moving) {
                backend.moveToCaffeine();
            }
        }
    }

    /** Whether a thread is starting Caffeine now (a backend on its interim map then keeps waiting). */
    boolean underWay() {
        synchronized (lock) {
            return underWay;
        }
    }
}
