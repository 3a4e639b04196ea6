package io.cachetory.benchmarks;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.cachetory.backend.Backend;
import io.cachetory.backend.Backends;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How many commands and server round trips a batch of 100 costs over the Redis backend, read from
 * the server's own counters ({@code INFO commandstats}, {@code INFO stats}) of a throw-away
 * {@code redis-server}: counts, not timings (timings are {@link RedisBenchmark}'s). Run after
 * {@code mvn -pl benchmarks -am package -DskipTests}:
 * {@code java -cp benchmarks/target/benchmarks.jar io.cachetory.benchmarks.RedisRoundTrips}.
 */
public final class RedisRoundTrips {
    private static final int ITEMS = 100;

    private RedisRoundTrips() {}

    public static void main(String[] args) throws Exception {
        try (RedisServer server = RedisServer.start();
                Backend<byte[]> backend = Backends.fromUrl(server.url() + "?timeout=5s")) {
            RedisClient client = RedisClient.create(server.url());
            try (StatefulRedisConnection<String, String> connection = client.connect()) {
                RedisCommands<String, String> admin = connection.sync();
                Map<String, byte[]> items = new LinkedHashMap<>();
                for (int i = 0; i < ITEMS; i++) {
                    items.put("k" + i, ("value-" + i).getBytes(UTF_8));
                }
                List<String> keys = new ArrayList<>(items.keySet());
                backend.get("warm-up");
                // what reading the counters itself costs: two snapshots with nothing in between
                long[] idle = snapshot(admin);
                long[] idleAfter = snapshot(admin);
                long readsOverhead = idleAfter[2] - idle[2];
                long writesOverhead = idleAfter[3] - idle[3];

                long[] before = snapshot(admin);
                backend.setMany(items, Duration.ofMinutes(1));
                long[] after = snapshot(admin);
                System.out.printf("setMany(%d, ttl): SET calls +%d, server reads +%d, server writes +%d%n", ITEMS,
                        after[0] - before[0], after[2] - before[2] - readsOverhead, after[3] - before[3] - writesOverhead);

                before = snapshot(admin);
                backend.getMany(keys);
                after = snapshot(admin);
                System.out.printf("getMany(%d): MGET calls +%d, GET calls +%d, server reads +%d, server writes +%d%n", ITEMS,
                        after[1] - before[1], after[4] - before[4], after[2] - before[2] - readsOverhead, after[3] - before[3] - writesOverhead);
            } finally {
                client.shutdown();
            }
        }
    }

    /** set calls, mget calls, total reads, total writes, get calls (INFO itself adds one read and one write) */
    private static long[] snapshot(RedisCommands<String, String> admin) {
        String commands = admin.info("commandstats");
        String stats = admin.info("stats");
        return new long[] {calls(commands, "set"), calls(commands, "mget"), field(stats, "total_reads_processed:"),
            field(stats, "total_writes_processed:"), calls(commands, "get")};
    }

    private static long calls(String commandstats, String command) {
        String prefix = "cmdstat_" + command + ":";
        for (String line : commandstats.split("\r?\n")) {
            if (line.startsWith(prefix)) {
                int from = line.indexOf("calls=") + "calls=".length();
                int to = line.indexOf(',', from);
                return Long.parseLong(line.substring(from, to < 0 ? line.length() : to));
            }
        }
        return 0;
    }

    private static long field(String section, String prefix) {
        for (String line : section.split("\r?\n")) {
            if (line.startsWith(prefix)) {
                return Long.parseLong(line.substring(prefix.length()).trim());
            }
        }
        throw new IllegalStateException("no " + prefix + " in INFO: " + section);
    }
}
