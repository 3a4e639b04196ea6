package io.cachetory.redis.hostile;

import java.util.concurrent.atomic.AtomicInteger;

/** Stands for a gadget class: any code of it that runs leaves a trace in {@link #TRACES}. */
public class EvilOne {
    public static final AtomicInteger TRACES = Traces.COUNT;

    static {
        Traces.COUNT.incrementAndGet();
    }

    public String payload;

    public EvilOne() {
        Traces.COUNT.incrementAndGet();
    }
}
