package io.cachetory.redis;

import io.cachetory.Cache;
import io.cachetory.Cachetory;
import io.cachetory.SerializationException;
import io.cachetory.memo.Memo;
import io.cachetory.memo.Memoized;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * One JVM of a fleet, run by {@link DeployFleetTest} with one release of {@code fleet.model} on its
 * class path. It calls every scenario's {@code @Cached} method (or a {@code Memo} of the same body)
 * for ids {@code 1..n}, checks every answer against what its own code computes, and prints
 * {@code FACT name=value} lines.
 *
 * <p>Arguments: {@code mode redisUrl serializerScheme scenarios(comma) n [millis]}; modes:
 * {@code write} (calls, then stores facade entries {@code f:<scenario>:<id>}), {@code read} (calls
 * through the proxy, reads the facade entries), {@code memo} (as read, through {@code Memo.of}),
 * {@code rolling} (calls through the proxy for {@code millis} after one warm-up pass, counting hits).
 */
public final class FleetApp {
    private FleetApp() {}

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        String redis = args[1];
        List<String> schemes = Arrays.asList(args[2].split(","));
        int n = Integer.parseInt(args[3]);
        long millis = args.length > 4 ? Long.parseLong(args[4]) : 0;

        Class<?> serviceType = Class.forName("fleet.model.Service");
        Method expected = serviceType.getMethod("expected", String.class, String.class);
        @SuppressWarnings("unchecked")
        Map<String, AtomicInteger> runs = (Map<String, AtomicInteger>) serviceType.getField("RUNS").get(null);
        Object service = null;
        Object plain = serviceType.getConstructor().newInstance();
        for (int db = 0; db < schemes.size(); db++) {
            // one Redis database per serializer, so that their keys never meet
            String scheme = schemes.get(db);
            String url = redis + "/" + db + "?timeout=5s";
            List<String> scenarios = FleetVersions.ALL;
            runs.clear();
            try (Cache<Object> cache = Cache.fromUrl(url, scheme + "://");
                 Cache<Object> facade = Cache.fromUrl(url, scheme + "://?allow=fleet.model")) {
                Cachetory.registry().register("fleet", cache);
                if (service == null) {
                    service = Cachetory.create(serviceType);
                }
                Map<String, Function<String, Object>> calls = new LinkedHashMap<>();
                for (String scenario : scenarios) {
                    Method method = serviceType.getMethod(scenario, String.class);
                    Object proxy = service;
                    calls.put(scenario, mode.equals("memo")
                            // the body on a plain instance: the Memo, not a proxy, caches it
                            ? Memo.of((String id) -> invoke(method, plain, id)).cache(cache).prefix(scenario)
                                    .returns(method.getGenericReturnType()).build()
                            : id -> invoke(method, proxy, id));
                }
                if (mode.equals("rolling")) {
                    rolling(scheme, calls, expected, runs, n, millis, () -> awaitPeers(url, "fleet:ready:" + scheme));
                    continue;
                }
                for (String scenario : scenarios) {
                    Function<String, Object> own = id -> invoke(expected, null, scenario, id);
                    int wrong = 0;
                    for (int i = 1; i <= n; i++) {
                        String id = "id" + i;
                        if (!own.apply(id).equals(calls.get(scenario).apply(id))) {
                            wrong++;
                        }
                    }
                    String fact = scheme + "." + scenario;
                    fact(fact + ".runs", runs.getOrDefault(scenario, new AtomicInteger()).get());
                    fact(fact + ".wrong", wrong);
                    if (mode.equals("write")) {
                        int refused = 0;
                        for (int i = 1; i <= n; i++) {
                            try {
                                facade.set("f:" + scenario + ":id" + i, own.apply("id" + i));
                            } catch (SerializationException e) {
                                // json:// refuses a value it would read back as another class
                                refused++;
                            }
                        }
                        fact(fact + ".facadeRefused", refused);
                    } else {
                        facadeFacts(fact, scenario, facade, own, n);
                    }
                }
            }
        }
        System.out.flush();
        System.exit(0);
    }

    private static void facadeFacts(String fact, String scenario, Cache<Object> facade, Function<String, Object> own, int n) {
        int absent = 0;
        int equal = 0;
        int wrong = 0;
        List<String> keys = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            String key = "f:" + scenario + ":id" + i;
            keys.add(key);
            Object value = facade.get(key);
            if (value == null) {
                absent++;
            } else if (value.equals(own.apply("id" + i))) {
                equal++;
            } else {
                wrong++;
            }
        }
        Map<String, Object> many = facade.getMany(keys);
        for (Map.Entry<String, Object> e : many.entrySet()) {
            String id = e.getKey().substring(e.getKey().lastIndexOf(':') + 1);
            if (!e.getValue().equals(own.apply(id))) {
                wrong++;
            }
        }
        fact(fact + ".facadeAbsent", absent);
        fact(fact + ".facadeEqual", equal);
        fact(fact + ".facadeMany", many.size());
        fact(fact + ".facadeWrong", wrong);
    }

    /** One warm-up pass, then every scenario and id in turn for {@code millis}, counting hits per scenario. */
    private static void rolling(String scheme, Map<String, Function<String, Object>> calls, Method expected,
                                Map<String, AtomicInteger> runs, int n, long millis, Runnable barrier) {
        Map<String, long[]> counts = new LinkedHashMap<>(); // calls, wrong
        calls.forEach((scenario, call) -> {
            long[] c = counts.computeIfAbsent(scenario, k -> new long[2]);
            for (int i = 1; i <= n; i++) {
                if (!invoke(expected, null, scenario, "id" + i).equals(call.apply("id" + i))) {
                    c[1]++;
                }
            }
        });
        barrier.run();
        Map<String, Integer> before = new LinkedHashMap<>();
        calls.keySet().forEach(s -> before.put(s, runs.getOrDefault(s, new AtomicInteger()).get()));
        long end = System.nanoTime() + millis * 1_000_000;
        for (long round = 0; System.nanoTime() < end; round++) {
            String id = "id" + (1 + round % n);
            for (Map.Entry<String, Function<String, Object>> e : calls.entrySet()) {
                long[] c = counts.get(e.getKey());
                c[0]++;
                if (!invoke(expected, null, e.getKey(), id).equals(e.getValue().apply(id))) {
                    c[1]++;
                }
            }
        }
        counts.forEach((scenario, c) -> {
            long misses = runs.getOrDefault(scenario, new AtomicInteger()).get() - before.get(scenario);
            fact(scheme + "." + scenario + ".calls", c[0]);
            fact(scheme + "." + scenario + ".hits", c[0] - misses);
            fact(scheme + "." + scenario + ".wrong", c[1]);
        });
    }

    /**
     * Waits until every JVM of the rolling deploy ({@code -Dfleet.peers}) has warmed up, so that their
     * timed loops run at the same time on the same keys.
     */
    private static void awaitPeers(String url, String key) {
        int peers = Integer.getInteger("fleet.peers", 1);
        RedisClient client = RedisClient.create(url.substring(0, url.indexOf('?')));
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            connection.sync().incr(key);
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (Long.parseLong(connection.sync().get(key)) < peers) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the other JVMs of the fleet did not warm up within 30 s");
                }
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        } finally {
            client.shutdown();
        }
        fact("barrier." + key, "passed");
    }

    private static Object invoke(Method method, Object target, Object... args) {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void fact(String name, Object value) {
        System.out.println("FACT " + name + "=" + value);
    }
}
