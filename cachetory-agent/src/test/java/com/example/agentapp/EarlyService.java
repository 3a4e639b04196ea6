package com.example.agentapp;

import io.cachetory.annotations.Cached;
import java.util.concurrent.atomic.AtomicInteger;

/** Loaded before CachetoryAgent.install() runs: install() must retransform it. */
public class EarlyService {
    public static final AtomicInteger BODY = new AtomicInteger();

    @Cached
    public String load(String key) {
        BODY.incrementAndGet();
        return "early-" + key;
    }
}
