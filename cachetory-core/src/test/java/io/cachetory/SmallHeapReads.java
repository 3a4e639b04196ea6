package io.cachetory;

import com.github.luben.zstd.ZstdOutputStream;
import io.cachetory.backend.Backend;
import io.cachetory.backend.MemoryBackend;
import io.cachetory.memo.Memo;
import io.cachetory.memo.Memoized;
import io.cachetory.serializer.Serializers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Run by {@link SmallHeapReadTest} in a JVM of a 64 MiB heap: a 1 GiB zstd bomb sits in a byte
 * backend behind {@code kryo+zstd://} with the default {@code max-value-size}; reads through the
 * facade, a memoized function and six threads at once must neither fail with an
 * {@link OutOfMemoryError} nor keep memory afterwards. Prints {@code FACT name value} lines.
 */
public final class SmallHeapReads {
    private SmallHeapReads() {}

    public static void main(String[] args) throws Exception {
        byte[] bomb = zstdOfZeros(1L << 30);
        fact("bombBytes", bomb.length);
        Backend<byte[]> store = new MemoryBackend<>();
        Cache<Object> cache = Cache.of(Serializers.fromUrl("kryo+zstd://"), store, "");

        store.set("planted", bomb, null, false);
        try {
            cache.get("planted");
            fact("facade", "read");
        } catch (SerializationException e) {
            fact("facade", "refused");
            fact("facadeNamesLimit", e.getMessage().contains("max-value-size"));
        }

        // A memoized function whose entry a hostile or careless writer replaced with the bomb.
        List<String> keys = new ArrayList<>();
        Backend<byte[]> recording = new KeyRecordingBackend(store, keys);
        AtomicInteger runs = new AtomicInteger();
        Memoized<String, String> quote = Memo.<String, String>of(t -> t + "=" + runs.incrementAndGet())
                .cache(Cache.<String, byte[]>of(Serializers.fromUrl("kryo+zstd://"), recording, "")).build();
        fact("first", quote.apply("AAPL"));
        String key = keys.get(keys.size() - 1);
        store.set(key, bomb, null, false);
        fact("second", quote.apply("AAPL"));
        fact("third", quote.apply("AAPL"));
        fact("misses", quote.stats().misses());
        fact("hits", quote.stats().hits());
        fact("backendErrors", quote.stats().backendErrors());

        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<String>> reads = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            reads.add(pool.submit(() -> {
                try {
                    cache.get("planted");
                    return "read";
                } catch (SerializationException e) {
                    return "refused";
                }
            }));
        }
        int refused = 0;
        for (Future<String> f : reads) {
            refused += f.get().equals("refused") ? 1 : 0;
        }
        pool.shutdown();
        fact("concurrentRefused", refused);

        for (int i = 0; i < 20; i++) {
            try {
                cache.get("planted");
            } catch (SerializationException expected) {
                // refused, as above
            }
        }
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        System.gc();
        fact("heapUsedAfterGcMiB", memory.getHeapMemoryUsage().getUsed() >> 20);
    }

    private static void fact(String name, Object value) {
        System.out.println("FACT " + name + " " + value);
    }

    private static byte[] zstdOfZeros(long size) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZstdOutputStream out = new ZstdOutputStream(bytes)) {
            byte[] zeros = new byte[1 << 20];
            for (long written = 0; written < size; written += zeros.length) {
                out.write(zeros);
            }
        }
        return bytes.toByteArray();
    }

    /** The store, noting the keys written, so the test can plant the bomb under a memoized entry's key. */
    private static final class KeyRecordingBackend extends io.cachetory.backend.ForwardingBackend<byte[]> {
        private final List<String> keys;

        KeyRecordingBackend(Backend<byte[]> store, List<String> keys) {
            super(store);
            this.keys = keys;
        }

        @Override
        public boolean set(String key, byte[] value, java.time.Duration ttl, boolean ifNotExists) {
            keys.add(key);
            return super.set(key, value, ttl, ifNotExists);
        }
    }
}
