package io.cachetory.serializer.hostile;

import java.util.concurrent.atomic.AtomicInteger;

/** Counts what the hostile classes ran; a class of its own so reading it never initializes them. */
public final class HostileCounter {
    public static final AtomicInteger HOSTILE_RAN = new AtomicInteger();
    public static final AtomicInteger CONTROL_RAN = new AtomicInteger();

    private HostileCounter() {}
}
