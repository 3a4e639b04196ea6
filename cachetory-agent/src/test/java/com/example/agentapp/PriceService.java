package com.example.agentapp;

import io.cachetory.annotations.Cached;
import java.util.concurrent.atomic.AtomicInteger;

/** Mocked with Mockito in MockitoApp, and also used for real there. */
public class PriceService {
    public static final AtomicInteger BODY = new AtomicInteger();

    @Cached
    public int price(String sku) {
        BODY.incrementAndGet();
        return sku.length() * 10;
    }
}
