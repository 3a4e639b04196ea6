package io.cachetory.redis.hostile;

import java.util.concurrent.atomic.AtomicInteger;

/** Kept apart from {@link EvilOne} so reading the count never initializes that class. */
public final class Traces {
    public static final AtomicInteger COUNT = new AtomicInteger();

    private Traces() {}
}
