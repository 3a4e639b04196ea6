package io.cachetory.backend;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;

/** The backend contract over {@code memory://}, directly and through {@link CompletedAsyncBackend}. */
class MemoryBackendContractTest extends BackendContractTest {

    @Override
    protected Stream<Named<BackendFixture>> backends() {
        return Stream.of(
                Named.of("memory", new MemoryFixture(false)),
                Named.of("memory via CompletedAsyncBackend", new MemoryFixture(true)));
    }

    /** Memory backends on a {@link FakeTicker}: time passes without sleeping. */
    static final class MemoryFixture implements BackendFixture {
        private final boolean async;
        private final FakeTicker ticker = new FakeTicker();
        private final List<MemoryBackend<byte[]>> created = new ArrayList<>();

        MemoryFixture(boolean async) {
            this.async = async;
        }

        @Override
        public Backend<byte[]> create() {
            MemoryBackend<byte[]> memory = new MemoryBackend<>(10_000, ticker);
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
