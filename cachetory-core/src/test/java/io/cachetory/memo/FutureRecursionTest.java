package io.cachetory.memo;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachetory.Cache;
import io.cachetory.Cachetory;
import io.cachetory.annotations.Cached;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A future-returning method whose body calls itself with the same key (SPEC 3.3): the inner call runs
 * its own body instead of joining the outer call's load (which waits for it), with and without load
 * protection; the outer result is stored and the next call hits.
 */
class FutureRecursionTest {
    static final String CACHE = "future-recursion-test";
    static final ThreadLocal<Boolean> INSIDE = ThreadLocal.withInitial(() -> false);

    public static class Service {
        int runs;

        @Cached(cache = CACHE, prefix = "plain", ttl = "10s")
        public CompletableFuture<String> plain(String k) {
            return recurse(() -> plain(k));
        }

        @Cached(cache = CACHE, prefix = "protected", ttl = "10s", staleIfError = "1m")
        public CompletableFuture<String> guarded(String k) {
            return recurse(() -> guarded(k));
        }

        private CompletableFuture<String> recurse(java.util.function.Supplier<CompletableFuture<String>> self) {
            runs++;
            if (INSIDE.get()) {
                return CompletableFuture.completedFuture("inner");
            }
            INSIDE.set(true);
            try {
                return self.get().thenApply(v -> "outer(" + v + ")");
            } finally {
                INSIDE.set(false);
            }
        }
    }

    @BeforeEach
    void setUp() {
        Cachetory.registry().register(CACHE, Cache.memory());
    }

    @Test
    void aRecursiveCallOfAFutureMethodRunsItsOwnBody() throws Exception {
        Service s = Cachetory.create(Service.class);
        assertThat(s.plain("a").get(10, TimeUnit.SECONDS)).isEqualTo("outer(inner)");
        assertThat(s.plain("a").get(10, TimeUnit.SECONDS)).isEqualTo("outer(inner)");
        assertThat(s.runs).isEqualTo(2);
    }

    @Test
    void aRecursiveCallOfAProtectedFutureMethodRunsItsOwnBody() throws Exception {
        Service s = Cachetory.create(Service.class);
        assertThat(s.guarded("a").get(10, TimeUnit.SECONDS)).isEqualTo("outer(inner)");
        assertThat(s.guarded("a").get(10, TimeUnit.SECONDS)).isEqualTo("outer(inner)");
        assertThat(s.runs).isEqualTo(2);
        assertThat(Cachetory.registry().stats(CACHE).loads()).isEqualTo(2);
    }
}
