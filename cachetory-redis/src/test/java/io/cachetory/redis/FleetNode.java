package io.cachetory.redis;

import io.cachetory.Cache;
import io.cachetory.CacheStats;
import io.cachetory.memo.Memoized;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * One JVM of a fleet test, forked by {@link FleetLoadProtectionTest}:
 * {@code FleetNode <redis url> <mode> <key> <threads> <nodes> <body ms> [<run ms>]}. The nodes meet
 * at a barrier in Redis before calling, so their misses are concurrent. Prints {@code RESULT} (or
 * {@code FAILED}) and {@code FACT} lines; bodies print {@code BODY} lines.
 */
public final class FleetNode {
    private FleetNode() {}

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String mode = args[1];
        String key = args[2];
        int threads = Integer.parseInt(args[3]);
        int nodes = Integer.parseInt(args[4]);
        FleetService.bodyMillis = Long.parseLong(args[5]);
        long runMillis = args.length > 6 ? Long.parseLong(args[6]) : 0;
        Cache<String> cache = Cache.fromUrl(url, null);
        cache.get("warm-up"); // connected before the barrier: the calls after it race for the lease, not for a connection
        barrier(url, "barrier:" + mode + ":" + key, nodes);
        switch (mode) {
            case "stampede" -> stampede(FleetService.loader(cache), key, threads);
            case "stampede-first-fails" -> {
                // the fleet's first body run throws, wherever it runs; the others succeed
                RedisClient client = RedisClient.create(url);
                StatefulRedisConnection<String, String> counter = client.connect();
                FleetService.failThisRun = () -> counter.sync().incr("first-fails:" + key) == 1;
                stampede(FleetService.loader(cache), key, threads);
            }
            case "refresh", "jvm-refresh" -> refresh(FleetService.refresher(cache, mode.equals("refresh")), key, runMillis);
            default -> throw new IllegalArgumentException(mode);
        }
        System.out.flush();
        System.exit(0);
    }

    private static void stampede(Memoized<String, String> load, String key, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<String>> calls = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            calls.add(pool.submit(() -> load.apply(key)));
        }
        for (Future<String> call : calls) {
            try {
                System.out.println("RESULT " + call.get(60, TimeUnit.SECONDS));
            } catch (java.util.concurrent.ExecutionException e) {
                System.out.println("FAILED " + e.getCause());
            }
        }
        pool.shutdown();
        System.out.println("FACT misses=" + load.stats().misses());
    }

    private static void refresh(Memoized<String, String> refreshed, String key, long runMillis) throws InterruptedException {
        // the first call may load (a miss); every later one must be answered from the cache
        String first = refreshed.apply(key);
        FleetService.caller = Thread.currentThread();
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(runMillis);
        int calls = first == null ? 0 : 1;
        while (System.nanoTime() < end) {
            String value = refreshed.apply(key);
            if (value == null) {
                throw new AssertionError("null");
            }
            calls++;
            Thread.sleep(10);
        }
        CacheStats stats = refreshed.stats();
        System.out.println("FACT calls=" + calls);
        System.out.println("FACT misses=" + stats.misses());
        System.out.println("FACT bodiesOnCaller=" + FleetService.bodiesOnCaller);
    }

    /** Waits until {@code nodes} JVMs arrived (at most 30 s). */
    private static void barrier(String url, String name, int nodes) throws InterruptedException {
        RedisClient client = RedisClient.create(url);
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            c.sync().incr(name);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (Long.parseLong(c.sync().get(name)) < nodes) {
                if (System.nanoTime() > deadline) {
                    // the calls would not race: a test relying on the barrier must fail, not pass unraced
                    throw new AssertionError("barrier " + name + ": not all " + nodes + " JVMs arrived within 30 s");
                }
                Thread.sleep(2);
            }
        } finally {
            client.shutdown(0, 0, TimeUnit.MILLISECONDS);
        }
    }
}
