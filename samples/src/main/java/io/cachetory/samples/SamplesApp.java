package io.cachetory.samples;

import io.cachetory.CacheStats;
import io.cachetory.Cachetory;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A tour of Cachetory on a slow exchange-rate service. Runs on the in-memory default; pass
 * {@code --redis redis://localhost:6379/0} (or {@code -Dcachetory.cache.default.backend=…}) to keep
 * entries in Redis instead.
 *
 * <pre>
 * java -javaagent:cachetory-agent/target/cachetory-agent.jar -jar samples/target/cachetory-samples.jar
 * </pre>
 */
public final class SamplesApp {
    private SamplesApp() {}

    public static void main(String[] args) throws Exception {
        for (int i = 0; i < args.length; i++) {
            if ("--redis".equals(args[i]) && i + 1 < args.length) {
                System.setProperty("cachetory.cache.default.backend", args[++i]);
                System.setProperty("cachetory.cache.default.serializer", "kryo://");
            }
        }
        String backend = System.getProperty("cachetory.cache.default.backend", "memory://");
        boolean agent = Cachetory.isInstrumented(ExchangeRates.class);
        System.out.println("Cachetory samples — cache 'default' on " + backend + ", agent " + (agent ? "active" : "NOT active"));
        System.out.println();

        if (agent) {
            System.out.println("1. An object made with new, memoized by the agent (remote latency " + ExchangeRates.LATENCY_MS + " ms):");
            tour(new ExchangeRates(), "EUR", "USD");
            System.out.println("   A static method, memoized by the agent:");
            time("   currencyName(EUR)  first ", () -> ExchangeRates.currencyName("EUR"));
            time("   currencyName(EUR)  second", () -> ExchangeRates.currencyName("EUR"));
        } else {
            System.out.println("1. (skipped) start with -javaagent:cachetory-agent/target/cachetory-agent.jar to memoize objects made with new and static methods.");
        }
        System.out.println();
        System.out.println("2. The same service through Cachetory.create (works without the agent too):");
        tour(Cachetory.create(ExchangeRates.class), "GBP", "CHF");
        System.out.println();
        printStats();
        System.out.println("Remote calls made: " + ExchangeRates.REMOTE_CALLS.get());
        // a Redis client keeps threads alive; the demo is over
        System.exit(0);
    }

    private static void tour(ExchangeRates rates, String from, String to) throws Exception {
        String call = "rate(" + from + ", " + to + ")";
        time("   " + call + " first  call", () -> rates.rate(from, to));
        time("   " + call + " second call", () -> rates.rate(from, to));
        TimeUnit.MILLISECONDS.sleep(1100);
        time("   " + call + " after its 1s ttl", () -> rates.rate(from, to));
        boolean purged = Cachetory.purge(() -> rates.rate(from, to));
        System.out.println("   purge(" + call + ") -> entry existed: " + purged);
        time("   " + call + " after purge", () -> rates.rate(from, to));
        String async = "rateAsync(" + to + ", " + from + ")";
        CompletableFuture<Rate> first = timeFuture("   " + async + " first  (CompletableFuture)", () -> rates.rateAsync(to, from));
        CompletableFuture<Rate> second = timeFuture("   " + async + " second (CompletableFuture)", () -> rates.rateAsync(to, from));
        if (!first.get().equals(second.get())) {
            throw new IllegalStateException("the second future should carry the stored value");
        }
    }

    private static <T> T time(String label, Supplier<T> call) {
        long start = System.nanoTime();
        T result = call.get();
        System.out.printf("%-48s %7.1f ms  -> %s%n", label, (System.nanoTime() - start) / 1e6, result);
        return result;
    }

    private static <T> CompletableFuture<T> timeFuture(String label, Supplier<CompletableFuture<T>> call) throws Exception {
        long start = System.nanoTime();
        CompletableFuture<T> future = call.get();
        T result = future.get(10, TimeUnit.SECONDS);
        System.out.printf("%-48s %7.1f ms  -> %s%n", label, (System.nanoTime() - start) / 1e6, result);
        return future;
    }

    static void printStats() {
        CacheStats s = Cachetory.registry().stats("default");
        System.out.printf("Counters of cache 'default': hits=%d misses=%d loads=%d loadFailures=%d backendErrors=%d (hit rate %.0f%%)%n",
                s.hits(), s.misses(), s.loads(), s.loadFailures(), s.backendErrors(), s.hitRate() * 100);
    }
}
