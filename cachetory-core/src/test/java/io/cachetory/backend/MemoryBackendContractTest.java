package io.cachetory.backend;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;

/**
 * The backend contract over {@code memory://}, directly, through {@link CompletedAsyncBackend}, and on
 * the interim map of a backend made while Caffeine is being started by another thread.
 */
class MemoryBackendContractTest extends BackendContractTest {

    @Override
    protected Stream<Named<BackendFixture>> backends() {
        return Stream.of(
                Named.of("memory", new MemoryFixture(false, false)),
                Named.of("memory via CompletedAsyncBackend", new MemoryFixture(true, false)),
                Named.of("memory while Caffeine starts elsewhere", new MemoryFixture(false, true)));
    }

    /** Memory backends on a {@link FakeTicker}: time passes without sleeping. */
    static final class MemoryFixture implements BackendFixture {
        private final boolean async;
        /** Under way for good: backends stay on their interim maps. */
        private final CaffeineStart start;
        private final FakeTicker ticker = new FakeTicker();
        private final List<MemoryBackend<byte[]>> created = new ArrayList<>();

        MemoryFixture(boolean async, boolean interim) {
            this.async = async;
            this.start = interim ? new CaffeineStart() : CaffeineStart.JVM;
            if (interim) {
                start.buildNow(null); // another thread "is starting Caffeine" and never finishes
            }
        }

        @Override
        public Backend<byte[]> create() {
            MemoryBackend<byte[]> memory = new MemoryBackend<>(10_000, ticker, ticker, Long.MAX_VALUE, start);
            created.add(memory);
            return async ? AsyncBackendAsSync.of(new CompletedAsyncBackend<>(memory)) : memory;
        }

        @Override
        public void advance(Duration duration) {
            ticker.advance(duration);
        }

        @Override
        public void cleanup() {
            created.forEach(MemoryBackend::close);
            created.clear();
        }
    }
}
