package com.example.agentapp;

import io.cachetory.Cache;
import io.cachetory.CacheStats;
import io.cachetory.Cachetory;

/**
 * Under the agent: a class also made through Cachetory.create is memoized once (one body run, one
 * hit in the stats), and Cachetory.purge removes the entry of an agent-memoized call.
 */
public final class ProxyAndPurgeApp {
    public static void main(String[] args) {
        Cachetory.registry().register("proxied", Cache.memory());
        ProxiedService proxied = Cachetory.create(ProxiedService.class);
        proxied.load("k");
        proxied.load("k");
        CacheStats stats = Cachetory.registry().stats("proxied");
        Facts.fact("proxiedBodyRuns", ProxiedService.BODY.get());
        Facts.fact("proxiedHits", stats.hits());
        Facts.fact("proxiedMisses", stats.misses());

        QuoteService svc = new QuoteService("EUR");
        svc.quote("P", 1);
        svc.quote("P", 1);
        int before = QuoteService.QUOTE.get();
        boolean purged = Cachetory.purge(() -> svc.quote("P", 1));
        int duringPurge = QuoteService.QUOTE.get();
        svc.quote("P", 1);
        Facts.fact("purged", purged);
        Facts.fact("purgeRanBody", duringPurge != before);
        Facts.fact("quoteBodyRunsAfterPurge", QuoteService.QUOTE.get()); // 1 + 1 after the purge
        svc.length("four");
        Facts.fact("purgedPrimitive", Cachetory.purge(() -> svc.length("four"))); // the call inside returns 0, no NPE
    }
}
