package io.cachetory.redis;

import io.cachetory.Durations;
import io.cachetory.backend.BackendUrl;
import io.lettuce.core.ReadFrom;
import io.lettuce.core.RedisURI;
import io.lettuce.core.resource.Transports;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What a Redis backend URL says, parsed and validated without touching the network. Immutable and
 * thread-safe.
 *
 * <p>URL forms: {@code redis://[user:password@]host[:port][/db]}, {@code rediss://…} (TLS),
 * {@code redis-socket:///path/to/socket[?db=N]}, {@code redis-sentinel://host:port[,host:port]/db?master=name},
 * {@code redis-cluster://host:port[,host:port…]} (seed nodes; database 0 only).
 * Parameters: {@code timeout} (default {@code 500ms}), {@code client-name}, {@code near} (max
 * entries of a near cache) and {@code near-ttl} (default 5 minutes); {@code master} for sentinel
 * (required); {@code db} for sockets; {@code read-from} for clusters.
 */
final class RedisSettings {
    static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(500);
    static final Duration MIN_TIMEOUT = Duration.ofMillis(1);
    static final Duration MAX_TIMEOUT = Duration.ofHours(1);
    static final int DEFAULT_PORT = 6379;
    static final int DEFAULT_SENTINEL_PORT = 26379;

    private static final Set<String> COMMON = Set.of("timeout", "client-name", "near", "near-ttl");
    private static final Set<String> SENTINEL = Set.of("timeout", "client-name", "near", "near-ttl", "master");
    private static final Set<String> SOCKET = Set.of("timeout", "client-name", "near", "near-ttl", "db");
    private static final Set<String> CLUSTER = Set.of("timeout", "client-name", "near", "near-ttl", "read-from");
    static final Duration DEFAULT_NEAR_TTL = Duration.ofMinutes(5);

    private final List<RedisURI> uris;
    private final boolean cluster;
    private final ReadFrom readFrom;
    private final Duration timeout;
    private final String display;
    private final String password;
    private final NearSettings near;

    private RedisSettings(List<RedisURI> uris, boolean cluster, ReadFrom readFrom, Duration timeout, String display, String password,
            NearSettings near) {
        this.uris = List.copyOf(uris);
        this.cluster = cluster;
        this.readFrom = readFrom;
        this.timeout = timeout;
        this.display = display;
        this.password = password;
        this.near = near;
    }

    /** What {@code near} and {@code near-ttl} ask for: the bound on entries and their longest life. */
    record NearSettings(long maxEntries, Duration ttl) {}

    /** @throws IllegalArgumentException naming the bad part; never containing the password */
    static RedisSettings parse(BackendUrl url) {
        String scheme = url.scheme();
        switch (scheme) {
            case "redis":
            case "rediss":
                url.requireOnly(COMMON);
                break;
            case "redis-sentinel":
                url.requireOnly(SENTINEL);
                break;
            case "redis-socket":
                url.requireOnly(SOCKET);
                break;
            case "redis-cluster":
                url.requireOnly(CLUSTER);
                return parseCluster(url);
            default:
                throw new IllegalArgumentException("not a Redis URL: " + url);
        }
        Duration timeout = timeout(url);
        NearSettings near = near(url);
        RedisURI.Builder builder;
        if (scheme.equals("redis-socket")) {
            if (!url.authority().isEmpty()) {
                throw new IllegalArgumentException("redis-socket:// URL " + url + " must have no host: redis-socket:///path/to/socket");
            }
            if (url.path().length() <= 1) {
                throw new IllegalArgumentException("redis-socket:// URL " + url + " names no socket path: redis-socket:///path/to/socket");
            }
            if (!Transports.NativeTransports.isDomainSocketSupported()) {
                throw new IllegalArgumentException("redis-socket:// needs io.netty:netty-transport-native-epoll"
                        + " (classifier linux-x86_64) on the class path, on Linux: " + url);
            }
            builder = RedisURI.Builder.socket(url.path());
            String db = url.param("db");
            builder.withDatabase(db == null ? 0 : database(db, url, "parameter 'db'"));
        } else if (scheme.equals("redis-sentinel")) {
            String master = url.param("master");
            if (master == null || master.isBlank()) {
                throw new IllegalArgumentException("redis-sentinel:// URL " + url + " needs parameter 'master' (the monitored master's name)");
            }
            if (url.authority().isEmpty()) {
                throw new IllegalArgumentException("redis-sentinel:// URL " + url + " names no sentinel (host:port[,host:port])");
            }
            builder = null;
            for (String node : url.authority().split(",", -1)) {
                if (node.isBlank()) {
                    throw new IllegalArgumentException("empty sentinel in the host list of redis-sentinel:// URL " + url
                            + " (expected host:port[,host:port])");
                }
                HostPort hp = hostPort(node.trim(), DEFAULT_SENTINEL_PORT, url);
                if (builder == null) {
                    builder = RedisURI.Builder.sentinel(hp.host, hp.port, master);
                } else {
                    builder.withSentinel(hp.host, hp.port);
                }
            }
            builder.withDatabase(pathDatabase(url));
        } else {
            if (url.authority().indexOf(',') >= 0) {
                throw new IllegalArgumentException(scheme + ":// URL " + url + " names several hosts; it takes one"
                        + " (for several use redis-cluster:// or redis-sentinel://)");
            }
            HostPort hp = hostPort(url.authority(), DEFAULT_PORT, url);
            builder = RedisURI.Builder.redis(hp.host, hp.port).withDatabase(pathDatabase(url));
            if (scheme.equals("rediss")) {
                builder.withSsl(true);
            }
        }
        configure(builder, url, timeout);
        return new RedisSettings(List.of(builder.build()), false, ReadFrom.UPSTREAM, timeout, url.toString(), url.password(), near);
    }

    /**
     * {@code redis-cluster://[user:password@]host:port[,host:port…][/0][?read-from=…&near=…]}: every node
     * listed is a seed (port 6379 when left out); the cluster has database 0 only.
     */
    private static RedisSettings parseCluster(BackendUrl url) {
        Duration timeout = timeout(url);
        NearSettings near = near(url);
        String path = url.path();
        if (!(path.isEmpty() || path.equals("/") || path.equals("/0"))) {
            throw new IllegalArgumentException("bad database path '" + path + "' in " + url
                    + ": Redis Cluster has database 0 only (leave the path out or write /0)");
        }
        if (url.authority().isBlank()) {
            throw new IllegalArgumentException("redis-cluster:// URL " + url + " names no node (host:port[,host:port…])");
        }
        List<RedisURI> seeds = new ArrayList<>();
        for (String node : url.authority().split(",", -1)) {
            if (node.isBlank()) {
                throw new IllegalArgumentException("empty node in the host list of redis-cluster:// URL " + url
                        + " (expected host:port[,host:port…])");
            }
            HostPort hp = hostPort(node.trim(), DEFAULT_PORT, url);
            RedisURI.Builder builder = RedisURI.Builder.redis(hp.host, hp.port);
            configure(builder, url, timeout);
            seeds.add(builder.build());
        }
        return new RedisSettings(seeds, true, readFrom(url), timeout, url.toString(), url.password(), near);
    }

    private static ReadFrom readFrom(BackendUrl url) {
        String text = url.param("read-from");
        if (text == null) {
            return ReadFrom.UPSTREAM;
        }
        switch (text) {
            case "master":
                return ReadFrom.UPSTREAM;
            case "replica-preferred":
                return ReadFrom.REPLICA_PREFERRED;
            case "replica":
                return ReadFrom.REPLICA;
            default:
                throw new IllegalArgumentException("bad value '" + text + "' for parameter 'read-from' in " + url
                        + ": expected master, replica-preferred or replica");
        }
    }

    /** Credentials, client name and timeout: the same for every node a URL names. */
    private static void configure(RedisURI.Builder builder, BackendUrl url, Duration timeout) {
        if (url.password() != null) {
            if (url.user() != null) {
                builder.withAuthentication(url.user(), url.password());
            } else {
                builder.withPassword(url.password().toCharArray());
            }
        }
        String clientName = url.param("client-name");
        if (clientName != null) {
            if (clientName.isEmpty() || clientName.chars().anyMatch(c -> c <= ' ' || c > '~')) {
                throw new IllegalArgumentException("bad value for parameter 'client-name' in " + url
                        + ": expected printable ASCII without spaces");
            }
            builder.withClientName(clientName);
        }
        builder.withTimeout(timeout);
    }

    private static Duration timeout(BackendUrl url) {
        String text = url.param("timeout");
        if (text == null) {
            return DEFAULT_TIMEOUT;
        }
        Duration d;
        try {
            d = Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad value for parameter 'timeout' in " + url + ": " + e.getMessage(), e);
        }
        // Below a millisecond every command would time out; beyond an hour a cache no longer fails fast
        // (and the nanosecond arithmetic of the client would overflow for absurd values).
        if (d.compareTo(MIN_TIMEOUT) < 0 || d.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException("bad value for parameter 'timeout' in " + url + ": must be between "
                    + MIN_TIMEOUT.toMillis() + "ms and " + MAX_TIMEOUT.toMinutes() + "m, got " + text);
        }
        return d;
    }

    private static NearSettings near(BackendUrl url) {
        String size = url.param("near");
        String ttlText = url.param("near-ttl");
        if (size == null) {
            if (ttlText != null) {
                throw new IllegalArgumentException("parameter 'near-ttl' in " + url + " needs parameter 'near' (the near cache's max entries)");
            }
            return null;
        }
        long maxEntries;
        try {
            maxEntries = Long.parseLong(size.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad value for parameter 'near' in " + url + ": expected a positive number of entries");
        }
        if (maxEntries <= 0) {
            throw new IllegalArgumentException("bad value for parameter 'near' in " + url + ": must be positive (the near cache's max entries)");
        }
        Duration ttl = DEFAULT_NEAR_TTL;
        if (ttlText != null) {
            try {
                ttl = Durations.parse(ttlText);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("bad value for parameter 'near-ttl' in " + url + ": " + e.getMessage(), e);
            }
            if (ttl.isZero() || ttl.isNegative()) {
                throw new IllegalArgumentException("bad value for parameter 'near-ttl' in " + url + ": must be positive");
            }
            if (ttl.compareTo(io.cachetory.Durations.MAX_TTL) > 0) {
                throw new IllegalArgumentException("bad value for parameter 'near-ttl' in " + url + ": at most "
                        + io.cachetory.Durations.MAX_TTL.toDays() + " days");
            }
        }
        return new NearSettings(maxEntries, ttl);
    }

    private static int pathDatabase(BackendUrl url) {
        String path = url.path();
        if (path.isEmpty() || path.equals("/")) {
            return 0;
        }
        return database(path.substring(1), url, "database path '" + path + "'");
    }

    private static int database(String text, BackendUrl url, String what) {
        try {
            int db = Integer.parseInt(text);
            if (db >= 0) {
                return db;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException("bad " + what + " in " + url + ": expected a database index 0, 1, 2…");
    }

    private static final class HostPort {
        final String host;
        final int port;

        HostPort(String host, int port) {
            this.host = host;
            this.port = port;
        }
    }

    private static HostPort hostPort(String authority, int defaultPort, BackendUrl url) {
        String host;
        String port = null;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("bad host '" + authority + "' in " + url);
            }
            host = authority.substring(1, close);
            String rest = authority.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    throw new IllegalArgumentException("bad host '" + authority + "' in " + url);
                }
                port = rest.substring(1);
            }
        } else {
            int colon = authority.lastIndexOf(':');
            if (colon >= 0) {
                host = authority.substring(0, colon);
                if (host.indexOf(':') >= 0) {
                    throw new IllegalArgumentException("bad host '" + host + "' in " + url
                            + ": an IPv6 address goes in brackets, [::1]:6379");
                }
                port = authority.substring(colon + 1);
            } else {
                host = authority;
            }
        }
        if (host.isEmpty()) {
            host = "localhost";
        }
        if (port == null) {
            return new HostPort(host, defaultPort);
        }
        try {
            int p = Integer.parseInt(port);
            if (p > 0 && p <= 65535) {
                return new HostPort(host, p);
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException("bad port '" + port + "' in " + url + ": expected 1–65535");
    }

    /** The server (or sentinels) to connect to; for a cluster, its first seed. */
    RedisURI uri() {
        return uris.get(0);
    }

    /** Every node the URL names: the seeds of a cluster, or the one {@link #uri()}. */
    List<RedisURI> uris() {
        return uris;
    }

    /** Whether this is a {@code redis-cluster://} URL. */
    boolean cluster() {
        return cluster;
    }

    /** Where a cluster reads from ({@code read-from}); always the master outside a cluster. */
    ReadFrom readFrom() {
        return readFrom;
    }

    /** @return the near cache asked for, or {@code null} when the URL has no {@code near} */
    NearSettings near() {
        return near;
    }

    /** Bounds connecting and each command. */
    Duration timeout() {
        return timeout;
    }

    /** The URL with the password masked; the only form that goes into messages and logs. */
    String display() {
        return display;
    }

    /** @return the text with any occurrence of the password masked */
    String scrub(String text) {
        if (text == null || password == null || password.isEmpty()) {
            return text;
        }
        return text.replace(password, "***");
    }

    boolean mentionsPassword(String text) {
        return text != null && password != null && !password.isEmpty() && text.contains(password);
    }
}
