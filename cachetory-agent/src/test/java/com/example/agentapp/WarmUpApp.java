package com.example.agentapp;

/**
 * Waits for the agent's warm-up thread before its first memoized call, then loads {@link Marker}: the
 * class-load log shows what the warm-up loaded before the application needed it.
 */
public final class WarmUpApp {
    /** Loaded when the application is about to make its first memoized call. */
    static final class Marker {
        static void here() {}
    }

    public static void main(String[] args) throws InterruptedException {
        Thread warmUp = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("cachetory-warm-up")).findFirst().orElse(null);
        if (warmUp != null) {
            warmUp.join(30_000);
            Facts.fact("warmUpAlive", warmUp.isAlive());
            Facts.fact("warmUpDaemon", warmUp.isDaemon());
        }
        Marker.here();
        QuoteService svc = new QuoteService("EUR");
        Facts.fact("first", svc.quote("A", 1));
        Facts.fact("second", svc.quote("A", 1));
        Facts.fact("quoteBodyRuns", QuoteService.QUOTE.get());
    }
}
