package com.example.agentapp;

import io.cachetory.annotations.Cached;
import java.util.concurrent.atomic.AtomicInteger;

/** Loaded only after CachetoryAgent.install(). */
public class LateService {
    public static final AtomicInteger BODY = new AtomicInteger();

    @Cached
    public static String load(String key) {
        BODY.incrementAndGet();
        return "late-" + key;
    }
}
