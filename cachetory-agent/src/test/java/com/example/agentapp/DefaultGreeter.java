package com.example.agentapp;

import io.cachetory.annotations.Cached;
import java.util.concurrent.atomic.AtomicInteger;

/** An interface with a @Cached default method: the ASM fast path declines interfaces, Byte Buddy handles it. */
public interface DefaultGreeter {
    AtomicInteger BODY = new AtomicInteger();

    @Cached
    default String greet(String name) {
        BODY.incrementAndGet();
        return "hello " + name;
    }

    /** The implementation MachineryApp uses. */
    final class Impl implements DefaultGreeter {
    }
}
