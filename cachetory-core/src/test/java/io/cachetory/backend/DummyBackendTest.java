package io.cachetory.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DummyBackendTest {
    private final DummyBackend<String> backend = new DummyBackend<>();

    @Test
    void setAnswersTrueAndStoresNothing() {
        assertThat(backend.set("k", "v", null, false)).isTrue();
        assertThat(backend.set("k", "v", Duration.ofSeconds(1), true)).isTrue();

        assertThat(backend.get("k")).isNull();
    }

    @Test
    void getManyAnswersEmpty() {
        backend.setMany(Map.of("foo", "v"), null);

        assertThat(backend.getMany(List.of("foo"))).isEmpty();
    }

    @Test
    void deleteAnswersFalse() {
        backend.set("k", "v", null, false);

        assertThat(backend.delete("k")).isFalse();
    }

    @Test
    void everyOtherOperationIsAccepted() {
        backend.expireIn("k", Duration.ofSeconds(1));
        backend.deleteMany(List.of("k"));
        backend.clear();
        backend.clearPrefix("p:");
        backend.close();

        assertThat(backend.get("k")).isNull();
        assertThat(backend).hasToString("dummy://");
    }
}
