package com.example.agentapp;

/** A tiny main that uses one class with @Cached methods (start-up measurements). */
public final class CachedMain {
    public static void main(String[] args) {
        QuoteService svc = new QuoteService("EUR");
        svc.quote("A", 1);
        svc.quote("A", 1);
        Facts.fact("quoteBodyRuns", QuoteService.QUOTE.get());
    }
}
