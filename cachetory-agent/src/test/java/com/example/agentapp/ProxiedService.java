package com.example.agentapp;

import io.cachetory.annotations.Cached;
import java.util.concurrent.atomic.AtomicInteger;

/** Instrumented by the agent AND wrapped by Cachetory.create: must be cached once, not twice. */
public class ProxiedService {
    public static final AtomicInteger BODY = new AtomicInteger();

    @Cached(cache = "proxied")
    public String load(String key) {
        BODY.incrementAndGet();
        return "proxied-" + key;
    }
}
