package com.example.agentapp;

/**
 * Load protection under the agent, with real (short) durations: after the ttl a failing body is
 * answered with the stale value (private, static, final primitive and future methods), and a hit
 * older than refresh is answered at once while a background reload replaces it.
 */
public final class LoadProtectionApp {
    public static void main(String[] args) throws Exception {
        ResilientService svc = new ResilientService();
        String p = svc.callStalePrivate("p");
        String s = ResilientService.staleStatic("s");
        long n = svc.stalePrimitive("n");
        String f = svc.staleFuture("f").get();
        String r = svc.refreshed("r");
        Thread.sleep(250); // past the 200 ms ttl, and past refresh
        ResilientService.failing = true;
        Facts.fact("stalePrivate", p.equals(svc.callStalePrivate("p")));
        Facts.fact("staleStatic", s.equals(ResilientService.staleStatic("s")));
        Facts.fact("stalePrimitive", n == svc.stalePrimitive("n"));
        Facts.fact("staleFuture", f.equals(svc.staleFuture("f").get()));
        Facts.fact("bodyRunsBeforeRefresh", ResilientService.RUNS.get()); // 5 loads, then 4 failing runs
        ResilientService.failing = false;
        ResilientService.answer = "v2";
        Facts.fact("refreshAnsweredAtOnce", r.equals(svc.refreshed("r")));
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!svc.refreshed("r").equals("r:v2") && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        Facts.fact("refreshed", svc.refreshed("r"));
    }
}
