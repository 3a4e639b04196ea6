package io.cachetory.benchmarks;

import io.cachetory.Cache;
import io.cachetory.annotations.SingleFlight;
import io.cachetory.memo.Memo;
import io.cachetory.memo.Memoized;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A cache stampede on an expiring hot key, {@code SingleFlight.JVM} against {@code FLEET}: N forked
 * JVMs × M threads call one memoized function over one real redis-server; the entry lives
 * {@code ttl}, the body takes {@code body} ms. Prints body runs (what the service behind the cache
 * sees) and call latencies (p50/p99/max) for each mode. Not JMH: the point is a fleet of processes.
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar io.cachetory.benchmarks.StampedeBenchmark [jvms] [threads] [seconds]
 * }</pre>
 */
public final class StampedeBenchmark {
    static final long TTL_MILLIS = 1000;
    static final long BODY_MILLIS = 200;
    static final long PACE_MILLIS = 5;

    private StampedeBenchmark() {}

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("node")) {
            node(args[1], SingleFlight.valueOf(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]), Integer.parseInt(args[5]));
            return;
        }
        int jvms = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        System.out.printf("stampede: %d JVMs x %d threads, hot key ttl %d ms, body %d ms, a call every %d ms per thread, %d s per mode%n",
                jvms, threads, TTL_MILLIS, BODY_MILLIS, PACE_MILLIS, seconds);
        try (RedisServer server = RedisServer.start()) {
            for (SingleFlight mode : SingleFlight.values()) {
                run(server.url() + "?timeout=5s", mode, jvms, threads, seconds);
            }
        }
    }

    private static void run(String url, SingleFlight mode, int jvms, int threads, int seconds) throws Exception {
        List<Process> nodes = new ArrayList<>();
        List<Path> outs = new ArrayList<>();
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        for (int i = 0; i < jvms; i++) {
            Path out = Files.createTempFile("stampede-", ".out");
            outs.add(out);
            nodes.add(new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), StampedeBenchmark.class.getName(),
                    "node", url, mode.name(), Integer.toString(threads), Integer.toString(seconds), Integer.toString(jvms))
                    .redirectErrorStream(true).redirectOutput(out.toFile()).start());
        }
        long runs = 0;
        long calls = 0;
        List<long[]> samples = new ArrayList<>();
        for (int i = 0; i < jvms; i++) {
            if (!nodes.get(i).waitFor(seconds + 120L, TimeUnit.SECONDS) || nodes.get(i).exitValue() != 0) {
                nodes.get(i).destroyForcibly();
                throw new IllegalStateException("node failed: " + Files.readString(outs.get(i)));
            }
            for (String line : Files.readAllLines(outs.get(i), StandardCharsets.UTF_8)) {
                if (line.startsWith("RUNS ")) {
                    runs += Long.parseLong(line.substring(5));
                } else if (line.startsWith("LATENCY ")) {
                    long[] micros = Arrays.stream(line.substring(8).split(",")).filter(s -> !s.isEmpty()).mapToLong(Long::parseLong).toArray();
                    calls += micros.length;
                    samples.add(micros);
                }
            }
            Files.deleteIfExists(outs.get(i));
        }
        long[] all = samples.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        // the entry is rewritten at the end of each load: one expiry per ttl + body
        double expiries = seconds * 1000.0 / (TTL_MILLIS + BODY_MILLIS);
        System.out.printf("%-5s body runs %4d (%.1f per expiry; %d calls)  latency p50 %6.2f ms  p99 %7.2f ms  max %7.2f ms%n",
                mode, runs, runs / expiries, calls, pct(all, 0.50), pct(all, 0.99), all.length == 0 ? 0 : all[all.length - 1] / 1000.0);
    }

    private static double pct(long[] sorted, double q) {
        return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] / 1000.0;
    }

    private static void node(String url, SingleFlight mode, int threads, int seconds, int jvms) throws Exception {
        AtomicInteger runs = new AtomicInteger();
        Cache<String> cache = Cache.fromUrl(url, null);
        Memoized<String, String> hot = Memo.<String, String>of(k -> {
            runs.incrementAndGet();
            try {
                Thread.sleep(BODY_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return k + "@" + System.currentTimeMillis();
        }).cache(cache).prefix("stampede-" + mode).ttl(Duration.ofMillis(TTL_MILLIS)).singleFlight(mode).lease(Duration.ofSeconds(5)).build();
        cache.get("warm-up");
        hot.apply("warm-up"); // class loading and JIT of the path, outside the measurement
        runs.set(0);
        barrier(url, "stampede-barrier-" + mode, jvms);
        ConcurrentLinkedQueue<long[]> latencies = new ConcurrentLinkedQueue<>();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread w = new Thread(() -> {
                long[] mine = new long[(int) (seconds * 1000 / PACE_MILLIS) + 16];
                int n = 0;
                while (System.nanoTime() < end && n < mine.length) {
                    long start = System.nanoTime();
                    hot.apply("hot");
                    mine[n++] = (System.nanoTime() - start) / 1000;
                    try {
                        Thread.sleep(PACE_MILLIS);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                latencies.add(Arrays.copyOf(mine, n));
            });
            w.start();
            workers.add(w);
        }
        for (Thread w : workers) {
            w.join();
        }
        StringBuilder sb = new StringBuilder("LATENCY ");
        for (long[] l : latencies) {
            for (long v : l) {
                sb.append(v).append(',');
            }
        }
        System.out.println("RUNS " + runs.get());
        System.out.println(sb);
        cache.close();
        System.exit(0);
    }

    private static void barrier(String url, String name, int jvms) throws InterruptedException {
        RedisClient client = RedisClient.create(url.replace("?timeout=5s", ""));
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            c.sync().incr(name);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (Long.parseLong(c.sync().get(name)) < jvms && System.nanoTime() < deadline) {
                Thread.sleep(2);
            }
        } finally {
            client.shutdown(0, 0, TimeUnit.MILLISECONDS);
        }
    }
}
