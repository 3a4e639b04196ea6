package io.cachetory.backend;

import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Makes backends from URLs, choosing the {@link BackendProvider} by scheme through
 * {@link ServiceLoader}. {@code memory://?max-size=N} and {@code dummy://} come with cachetory-core
 * (and cannot be replaced by a provider); the Redis schemes with cachetory-redis. Thread-safe.
 */
public final class Backends {
    /** Schemes served by optional modules, and the artifact that brings each. */
    private static final Map<String, String> KNOWN_ELSEWHERE = Map.of(
            "redis", "io.cachetory:cachetory-redis",
            "rediss", "io.cachetory:cachetory-redis",
            "redis-socket", "io.cachetory:cachetory-redis",
            "redis-sentinel", "io.cachetory:cachetory-redis");

    private static volatile Map<String, BackendProvider> providers;

    /**
     * The schemes of cachetory-core itself, served without a {@link ServiceLoader} scan (which reads
     * every jar's service files: a visible part of the start-up of a JVM that only caches in memory).
     */
    private static final InProcessBackendProvider IN_PROCESS = new InProcessBackendProvider();

    private Backends() {}

    /**
     * Parses and validates the URL and makes the backend; a remote backend connects on first use.
     *
     * @throws IllegalArgumentException for an unknown scheme (naming the artifact to add when one
     *     serves it), an unknown parameter or a bad value
     */
    public static <W> Backend<W> fromUrl(String url) {
        BackendUrl parsed = BackendUrl.parse(url);
        return provider(parsed).create(parsed);
    }

    /** As {@link #fromUrl}, for the asynchronous twin. */
    public static <W> AsyncBackend<W> asyncFromUrl(String url) {
        BackendUrl parsed = BackendUrl.parse(url);
        return provider(parsed).createAsync(parsed);
    }

    /**
     * An asynchronous view of a backend that does no I/O (in-process, or a synchronous cache seen as
     * a backend): each call runs at once on the caller's thread and answers with an already completed
     * future; a failure completes it exceptionally rather than throwing. Thread-safe as
     * {@code backend}.
     */
    public static <W> AsyncBackend<W> asAsync(Backend<W> backend) {
        return new CompletedAsyncBackend<>(java.util.Objects.requireNonNull(backend, "backend"));
    }

    /**
     * @return whether backends of this URL store {@code byte[]} (so need a byte serializer)
     * @throws IllegalArgumentException as {@link #fromUrl} for an unknown scheme
     */
    public static boolean storesBytes(String url) {
        return provider(BackendUrl.parse(url)).storesBytes();
    }

    /**
     * The serializer URL a cache over {@code backendUrl} uses: {@code serializerUrl}, or when that is
     * {@code null} the default ({@code kryo://} over byte backends, {@code noop://} over the others).
     *
     * @throws IllegalArgumentException when {@code serializerUrl} is {@code noop://} (or {@code null://})
     *     over a backend that stores bytes: it keeps values as objects, which such a backend cannot hold
     */
    public static String serializerUrlFor(String backendUrl, String serializerUrl) {
        boolean bytes = storesBytes(backendUrl);
        if (serializerUrl == null) {
            return bytes ? "kryo://" : "noop://";
        }
        String scheme = serializerUrl.strip().toLowerCase(java.util.Locale.ROOT);
        if (bytes && (scheme.startsWith("noop:") || scheme.startsWith("null:"))) {
            throw new IllegalArgumentException("serializer " + serializerUrl.strip() + " keeps values as objects, but "
                    + BackendUrl.parse(backendUrl).scheme() + ":// stores bytes: use kryo://, java:// or json://");
        }
        return serializerUrl;
    }

    private static BackendProvider provider(BackendUrl url) {
        if (IN_PROCESS.schemes().contains(url.scheme())) {
            return IN_PROCESS;
        }
        BackendProvider provider = providers().get(url.scheme());
        if (provider != null) {
            return provider;
        }
        String artifact = KNOWN_ELSEWHERE.get(url.scheme());
        if (artifact != null) {
            throw new IllegalArgumentException(url.scheme() + ":// needs " + artifact + " on the class path");
        }
        throw new IllegalArgumentException("unknown backend scheme '" + url.scheme() + "' in " + url
                + " (known: " + String.join(", ", new java.util.TreeSet<>(providers().keySet())) + ")");
    }

    private static Map<String, BackendProvider> providers() {
        Map<String, BackendProvider> found = providers;
        if (found == null) {
            synchronized (Backends.class) {
                found = providers;
                if (found == null) {
                    found = load();
                    providers = found;
                }
            }
        }
        return found;
    }

    private static Map<String, BackendProvider> load() {
        Map<String, BackendProvider> map = new HashMap<>();
        for (ClassLoader loader : new ClassLoader[] {Thread.currentThread().getContextClassLoader(), Backends.class.getClassLoader()}) {
            if (loader == null) {
                continue;
            }
            for (BackendProvider p : ServiceLoader.load(BackendProvider.class, loader)) {
                for (String scheme : p.schemes()) {
                    map.putIfAbsent(scheme, p);
                }
            }
        }
        return Map.copyOf(map);
    }
}
