package io.cachetory.redis;

import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The one Lettuce {@link ClientResources} (event loops, timer) that every Redis backend of this JVM
 * shares, created on first use. Lettuce's default thread factories make daemon threads, so these
 * never keep a JVM from exiting; they are never shut down. Reconnect attempts back off
 * exponentially from 8 ms to at most 1 s, so caching resumes within about a second of the
 * server's return however long the outage.
 */
final class SharedClientResources {
    static final Duration MAX_RECONNECT_DELAY = Duration.ofSeconds(1);

    private SharedClientResources() {}

    private static final class Holder {
        static final ClientResources INSTANCE = DefaultClientResources.builder()
                .reconnectDelay(Delay.exponential(Duration.ofMillis(8), MAX_RECONNECT_DELAY, 2, TimeUnit.MILLISECONDS))
                .build();
    }

    static ClientResources get() {
        return Holder.INSTANCE;
    }
}
