package com.example.agentapp;

import java.util.concurrent.CompletableFuture;

/**
 * Checks the agent machinery independently of the memoization runtime: every @Cached shape is
 * transformed (recorded through MemoBridge.markInstrumented), the transformed code verifies and runs
 * and returns what the body returns, and a class without @Cached is left alone.
 */
public final class MachineryApp {
    public static void main(String[] args) throws Exception {
        QuoteService svc = new QuoteService("EUR");
        Facts.fact("quote", svc.quote("A", 2));
        Facts.fact("rate", QuoteService.rate("EUR", "USD"));
        Facts.fact("secret", svc.secret("k"));
        Facts.fact("fixed", svc.fixed("k"));
        Facts.fact("length", svc.length("four"));
        Facts.fact("later", svc.later("k").get());
        Facts.fact("outer", svc.outer("k"));
        try {
            svc.failing("x");
            Facts.fact("failing", "returned");
        } catch (IllegalStateException e) {
            Facts.fact("failing", e.getMessage());
        }
        CompletableFuture<String> f = svc.later("k2");
        Facts.fact("later2", f.get());
        Facts.fact("markedQuoteService", Facts.marked(QuoteService.class));
        Facts.fact("markedPlainService", Facts.marked(PlainService.class));
        Facts.fact("plain", new PlainService().echo("p"));
        Facts.fact("greeting", new DefaultGreeter.Impl().greet("g"));
        Facts.fact("markedDefaultGreeter", Facts.marked(DefaultGreeter.class));
        Facts.fact("agentInstalled", io.cachetory.agent.CachetoryAgent.isInstalled());
    }
}
