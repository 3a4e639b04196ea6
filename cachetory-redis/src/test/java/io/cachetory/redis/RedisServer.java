package io.cachetory.redis;

import static org.junit.jupiter.api.Assertions.fail;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Assumptions;

/**
 * A real {@code redis-server} from the PATH on a free loopback port, for tests. Its output goes to a
 * file (a full pipe would block it). It can be stopped, restarted on the same port, paused
 * (SIGSTOP) and resumed; {@link #close()} and a JVM shutdown hook kill it.
 *
 * <p>When {@code redis-server} is missing: with {@code CI=true} the test fails, otherwise it is
 * skipped (an assumption).
 */
public final class RedisServer implements AutoCloseable {
    private static final Set<RedisServer> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(RedisServer::kill), "redis-server-killer"));
    }

    private final String binary;
    private final int port;
    private final String password;
    private final Path log;
    private final Path socket;
    private final List<String> extraArgs;
    private volatile Process process;

    private RedisServer(String binary, int port, String password, Path log, Path socket, List<String> extraArgs) {
        this.binary = binary;
        this.port = port;
        this.password = password;
        this.log = log;
        this.socket = socket;
        this.extraArgs = List.copyOf(extraArgs);
    }

    /** Starts a server, or fails (CI) / skips (elsewhere) the test when the binary is missing. */
    public static RedisServer start() {
        return start(null);
    }

    public static RedisServer start(String requirePass) {
        return start(requirePass, false);
    }

    /** @param unixSocket also listen on a Unix socket in a fresh temporary directory */
    public static RedisServer start(String requirePass, boolean unixSocket) {
        String binary = findBinary();
        try {
            Path log = Files.createTempFile("redis-server-", ".log");
            log.toFile().deleteOnExit();
            Path socket = null;
            if (unixSocket) {
                Path dir = Files.createTempDirectory("redis-sock-");
                dir.toFile().deleteOnExit();
                socket = dir.resolve("redis.sock");
            }
            RedisServer server = new RedisServer(binary, freePort(), requirePass, log, socket, List.of());
            server.launch();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start redis-server", e);
        }
    }

    /**
     * Starts a cluster-enabled node (not yet part of a cluster) whose cluster state file lives in
     * {@code dir}, so that {@link #restart()} brings the same node back.
     */
    public static RedisServer startClusterNode(Path dir, Duration nodeTimeout) {
        String binary = findBinary();
        try {
            int port = freeClusterPort();
            Path log = dir.resolve("redis-" + port + ".log");
            List<String> args = List.of("--cluster-enabled", "yes",
                    "--cluster-config-file", dir.resolve("nodes-" + port + ".conf").toString(),
                    "--cluster-node-timeout", String.valueOf(nodeTimeout.toMillis()),
                    "--dir", dir.toString());
            RedisServer server = new RedisServer(binary, port, null, log, null, args);
            server.launch();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start redis-server", e);
        }
    }

    private static String findBinary() {
        return findOnPath("redis-server");
    }

    /** The named program from the PATH; fails (CI) or skips (elsewhere) the test when it is missing. */
    public static String findOnPath(String program) {
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                File f = new File(dir, program);
                if (f.canExecute()) {
                    return f.getAbsolutePath();
                }
            }
        }
        String message = program + " is not on the PATH (install it: apt-get install redis-server)";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(message + "; CI=true, so this is a failure, not a skip");
        }
        Assumptions.abort(message);
        throw new AssertionError("unreachable");
    }

    /**
     * A port for a cluster node: its cluster bus listens on the port + 10000, which must be free too
     * and at most 65535, so neither comes from the kernel's ephemeral range (up to 60999 here).
     */
    private static int freeClusterPort() throws IOException {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = random.nextInt(20_000, 30_000);
            if (isFree(port) && isFree(port + 10_000)) {
                return port;
            }
        }
        throw new IOException("no free port pair (p, p + 10000) for a cluster node in 20000..40000");
    }

    private static boolean isFree(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress("127.0.0.1", port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            return s.getLocalPort();
        }
    }

    private void launch() throws IOException {
        List<String> cmd = new ArrayList<>(List.of(binary, "--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--daemonize", "no"));
        if (socket != null) {
            cmd.addAll(List.of("--unixsocket", socket.toString(), "--unixsocketperm", "700"));
        }
        if (password != null) {
            cmd.add("--requirepass");
            cmd.add(password);
        }
        cmd.addAll(extraArgs);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        process = pb.start();
        RUNNING.add(this);
        awaitUp(Duration.ofSeconds(10));
    }

    private void awaitUp(Duration max) throws IOException {
        long deadline = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server exited: " + Files.readString(log));
            }
            if (answersPing()) {
                return;
            }
            sleep(20);
        }
        throw new IllegalStateException("redis-server did not answer PING within " + max + ": " + Files.readString(log));
    }

    /** Raw RESP PING; a NOAUTH error also proves the server is up. */
    private boolean answersPing() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            s.setSoTimeout(500);
            OutputStream out = s.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            byte[] buf = new byte[64];
            int n = in.read(buf);
            if (n <= 0) {
                return false;
            }
            String reply = new String(buf, 0, n, StandardCharsets.US_ASCII);
            return reply.startsWith("+PONG") || reply.startsWith("-NOAUTH");
        } catch (IOException e) {
            return false;
        }
    }

    public static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** @return the Unix socket path, or null */
    public Path socket() {
        return socket;
    }

    public int port() {
        return port;
    }

    /** Whether the process runs (it does not after {@link #stop()}). */
    public boolean alive() {
        Process p = process;
        return p != null && p.isAlive();
    }

    /** {@code redis://[:password@]127.0.0.1:port/db} */
    public String url(int db) {
        return "redis://" + (password == null ? "" : ":" + password + "@") + "127.0.0.1:" + port + "/" + db;
    }

    public String url() {
        return url(0);
    }

    /** Kills the server (SIGKILL) and waits for it; the port stays reserved for {@link #restart()}. */
    public void stop() {
        kill();
    }

    /** Starts the server again on the same port. */
    public void restart() {
        kill();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            try {
                launch();
                return;
            } catch (IllegalStateException | IOException e) {
                // the port may linger for a moment after the kill
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("cannot restart redis-server on port " + port, e);
                }
                kill();
                sleep(100);
            }
        }
    }

    /** SIGSTOP: the server keeps its sockets but answers nothing (a hung server). */
    public void pause() {
        signal("STOP");
    }

    /** SIGCONT */
    public void resume() {
        signal("CONT");
    }

    private void signal(String name) {
        if (process == null || !process.isAlive()) {
            return;
        }
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid())).inheritIO().start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -" + name + " failed");
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void kill() {
        Process p = process;
        if (p == null) {
            return;
        }
        if (p.isAlive()) {
            p.destroyForcibly();
            try {
                p.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        RUNNING.remove(this);
    }

    /**
     * A raw Lettuce connection (String keys, byte[] values) for arranging and inspecting the server
     * behind the backend's back. The caller closes the returned handle.
     */
    public Admin admin(int db) {
        RedisURI.Builder b = RedisURI.Builder.redis("127.0.0.1", port).withDatabase(db).withTimeout(Duration.ofSeconds(5));
        if (password != null) {
            b.withPassword(password.toCharArray());
        }
        RedisClient client = RedisClient.create(SharedClientResources.get(), b.build());
        StatefulRedisConnection<String, byte[]> c = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
        return new Admin(client, c);
    }

    public Admin admin() {
        return admin(0);
    }

    /** A raw Lettuce handle on the test server. */
    public static final class Admin implements AutoCloseable {
        private final RedisClient client;
        private final StatefulRedisConnection<String, byte[]> connection;

        Admin(RedisClient client, StatefulRedisConnection<String, byte[]> connection) {
            this.client = client;
            this.connection = connection;
        }

        public RedisCommands<String, byte[]> sync() {
            return connection.sync();
        }

        /** @return {@code calls} of {@code cmdstat_<command>} in INFO commandstats (0 when never called) */
        public long calls(String command) {
            return infoField("commandstats", "cmdstat_" + command.toLowerCase() + ":", "calls=");
        }

        /** @return a numeric field of {@code INFO section} (e.g. stats / total_reads_processed) */
        public long stat(String section, String field) {
            return infoField(section, field + ":", "");
        }

        private long infoField(String section, String linePrefix, String key) {
            String info = connection.sync().info(section);
            for (String line : info.split("\r?\n")) {
                if (line.startsWith(linePrefix)) {
                    String rest = line.substring(linePrefix.length());
                    if (key.isEmpty()) {
                        return Long.parseLong(rest.trim());
                    }
                    for (String part : rest.split(",")) {
                        if (part.startsWith(key)) {
                            return Long.parseLong(part.substring(key.length()).trim());
                        }
                    }
                }
            }
            return 0;
        }

        @Override
        public void close() {
            connection.close();
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

    @Override
    public void close() {
        kill();
    }
}
