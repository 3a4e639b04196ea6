package com.example.agentapp;

import io.cachetory.annotations.Cached;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Memoized by the agent in one JVM, by a proxy or a Memo in another: they must share its entries. */
public class DeployedService {
    public static final AtomicInteger BODY = new AtomicInteger();

    @Cached(cache = "shared", prefix = "items", version = "3")
    public DeployedItem item(String id) {
        BODY.incrementAndGet();
        return make(id);
    }

    public static DeployedItem make(String id) {
        return new DeployedItem(id, id.length(), List.of("t-" + id));
    }
}
