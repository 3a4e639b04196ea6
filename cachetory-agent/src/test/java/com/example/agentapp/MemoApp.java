package com.example.agentapp;

/**
 * Memoization under the agent: each @Cached shape called twice with the same arguments runs its body
 * once (objects made with new, static, private, final, primitive, self-invocation, futures), a ttl
 * expires, an exception is not cached. Prints body run counts.
 */
public final class MemoApp {
    public static void main(String[] args) throws Exception {
        QuoteService svc = new QuoteService("EUR");

        boolean sameQuote = svc.quote("A", 2).equals(svc.quote("A", 2));
        svc.quote("B", 2);
        Facts.fact("quoteSame", sameQuote);
        Facts.fact("quoteBodyRuns", QuoteService.QUOTE.get()); // 2: A and B

        long r1 = QuoteService.rate("EUR", "USD");
        long r2 = QuoteService.rate("EUR", "USD");
        Facts.fact("rateSame", r1 == r2);
        Facts.fact("staticBodyRuns", QuoteService.STATIC.get());

        svc.secret("k");
        svc.secret("k");
        Facts.fact("privateBodyRuns", QuoteService.PRIVATE.get());

        svc.fixed("k");
        svc.fixed("k");
        Facts.fact("finalBodyRuns", QuoteService.FINAL.get());

        int l1 = svc.length("four");
        int l2 = svc.length("four");
        Facts.fact("lengthValue", l1 + "," + l2);
        Facts.fact("primitiveBodyRuns", QuoteService.PRIMITIVE.get());

        Facts.fact("outer", svc.outer("k"));
        Facts.fact("selfInvocationBodyRuns", QuoteService.INNER.get());

        Facts.fact("later", svc.later("f").get() + "," + svc.later("f").get());
        Facts.fact("futureBodyRuns", QuoteService.FUTURE.get());

        for (int i = 0; i < 2; i++) {
            try {
                svc.failing("x");
            } catch (IllegalStateException e) {
                Facts.fact("failingMessage", e.getMessage());
            }
        }
        Facts.fact("failingBodyRuns", QuoteService.FAILING.get());

        DefaultGreeter greeter = new DefaultGreeter.Impl();
        Facts.fact("defaultMethod", greeter.greet("g") + "," + greeter.greet("g"));
        Facts.fact("defaultMethodBodyRuns", DefaultGreeter.BODY.get());

        String first = svc.shortLived("t");
        String hit = svc.shortLived("t");
        Facts.fact("ttlHitBeforeExpiry", first.equals(hit) && QuoteService.TTL.get() == 1);
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (QuoteService.TTL.get() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(50);
            svc.shortLived("t");
        }
        Facts.fact("ttlBodyRunsAfterExpiry", QuoteService.TTL.get());
    }
}
