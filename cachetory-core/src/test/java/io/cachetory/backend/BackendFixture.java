package io.cachetory.backend;

import java.time.Duration;

/**
 * One backend implementation under the {@link BackendContractTest contract}: makes backends over an
 * empty store and lets time pass for them.
 *
 * <p>A fixture is made by a subclass's {@code backends()} method (once per test method) and used by one
 * test at a time. After each test the suite calls {@link #cleanup()}.
 */
public interface BackendFixture {

    /**
     * A backend over an EMPTY store (Redis: a test database flushed first). The fixture remembers what
     * it made, to let time pass for it and to release it in {@link #cleanup()}.
     */
    Backend<byte[]> create();

    /**
     * Lets {@code duration} pass for the backends made by {@link #create()}: a fake clock moved forward
     * in memory, a real sleep for a remote server.
     */
    void advance(Duration duration);

    /**
     * A ttl that tests can wait out with {@link #advance(Duration)}: a fake second in memory; 200–300 ms
     * for a real server (tests advance by twice this).
     */
    default Duration shortTtl() {
        return Duration.ofSeconds(1);
    }

    /** Releases what {@link #create()} made (closes backends, flushes the test database). */
    void cleanup();
}
