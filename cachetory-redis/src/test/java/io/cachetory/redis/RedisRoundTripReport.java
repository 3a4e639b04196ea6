package io.cachetory.redis;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Not a test: prints round-trip figures for the report. Run with
 * {@code mvn -pl cachetory-redis -am verify -Dtest=RedisRoundTripReport -Dsurefire.failIfNoSpecifiedTests=false -Dcachetory.measure=true}.
 */
@EnabledIfSystemProperty(named = "cachetory.measure", matches = "true")
class RedisRoundTripReport {
    private static final Logger LOG = LoggerFactory.getLogger(RedisRoundTripReport.class);

    @Test
    void report() {
        try (RedisServer server = RedisServer.start();
                RedisServer.Admin admin = server.admin();
                RedisBackend backend = RedisBackend.fromUrl(server.url() + "?timeout=5s")) {
            Map<String, byte[]> items = new LinkedHashMap<>();
            for (int i = 0; i < 100; i++) {
                items.put("k" + i, ("value-" + i).getBytes(UTF_8));
            }
            List<String> keys = new ArrayList<>(items.keySet());
            backend.get("warm-up");

            long[] before = snapshot(admin);
            backend.setMany(items, Duration.ofMinutes(1));
            long[] after = snapshot(admin);
            LOG.info("setMany(100, ttl): SET calls +{}, server reads +{}, server writes +{}",
                    after[0] - before[0], after[2] - before[2] - OVERHEAD, after[3] - before[3] - OVERHEAD);

            before = snapshot(admin);
            backend.getMany(keys);
            after = snapshot(admin);
            LOG.info("getMany(100): MGET calls +{}, GET calls +{}, server reads +{}, server writes +{}",
                    after[1] - before[1], after[4] - before[4], after[2] - before[2] - OVERHEAD, after[3] - before[3] - OVERHEAD);

            for (int i = 0; i < 20_000; i++) {
                backend.get("k" + (i % 100));
            }
            int n = 20_000;
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                backend.get("k" + (i % 100));
            }
            long perGet = (System.nanoTime() - t0) / n;
            LOG.info("loopback sync GET: {} µs per call (mean of {} sequential calls)", perGet / 1000.0, n);

            for (int i = 0; i < 2_000; i++) {
                backend.getMany(keys);
            }
            t0 = System.nanoTime();
            for (int i = 0; i < 2_000; i++) {
                backend.getMany(keys);
            }
            LOG.info("loopback sync getMany(100): {} µs per call", (System.nanoTime() - t0) / 2_000 / 1000.0);
        }
    }

    /** INFO calls between the two reads of the counters: 1 after, 3 + the counting one before the next. */
    private static final int OVERHEAD = 5;

    /** set calls, mget calls, total reads, total writes, get calls (INFO itself adds one read and one write) */
    private static long[] snapshot(RedisServer.Admin admin) {
        long set = admin.calls("set");
        long mget = admin.calls("mget");
        long get = admin.calls("get");
        long reads = admin.stat("stats", "total_reads_processed");
        long writes = admin.stat("stats", "total_writes_processed");
        return new long[] {set, mget, reads, writes, get};
    }
}
