package com.example.agentapp;

import io.cachetory.memo.MemoBridge;

/**
 * Start-up baseline WITHOUT the agent: makes by hand the two MemoBridge calls the instrumented
 * {@code QuoteService.quote} makes in CachedMain, so the memoization runtime (cachetory-core,
 * Caffeine, ...) starts as it does under the agent. CachedMain with the agent minus this = the agent.
 */
public final class BridgeMain {
    public static void main(String[] args) {
        QuoteService svc = new QuoteService("EUR");
        quote(svc, "A", 1);
        quote(svc, "A", 1);
        Facts.fact("quoteBodyRuns", QuoteService.QUOTE.get());
    }

    private static String quote(QuoteService svc, String sku, int qty) {
        Object entered = MemoBridge.enter(QuoteService.class, "quote(Ljava/lang/String;I)Ljava/lang/String;", svc, new Object[] {sku, qty});
        if (entered == null) {
            return svc.quote(sku, qty);
        }
        if (!MemoBridge.isCall(entered)) {
            return (String) MemoBridge.unwrap(entered);
        }
        String result;
        try {
            result = svc.quote(sku, qty);
        } catch (Throwable t) {
            MemoBridge.exit(entered, null, t);
            throw t;
        }
        MemoBridge.exit(entered, result, null);
        return result;
    }
}
