package io.cachetory.spring;

import io.cachetory.redis.RedisServer;
import static org.assertj.core.api.Assertions.assertThat;

import io.cachetory.Cache;
import io.cachetory.Cachetory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.core.NestedExceptionUtils;

class PropertyCachesTest {
    private static RedisServer redis;

    @BeforeAll
    static void startRedis() {
        redis = RedisServer.start();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    @Test
    void cachesOfThePropertiesAreRegisteredWithTheirPrefix() {
        Contexts.runner()
                .withPropertyValues("cachetory.caches.sb-props.backend=memory://", "cachetory.caches.sb-props.prefix=app:")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    Cache<Object> cache = Cachetory.registry().cache("sb-props");
                    assertThat(cache.prefix()).isEqualTo("app:");
                    assertThat(Cachetory.registry().names()).contains("sb-props");
                });
    }

    @Test
    void redisCacheOfThePropertiesStoresInRedisUnderItsPrefix() {
        Contexts.runner()
                .withPropertyValues("cachetory.caches.sb-props-redis.backend=" + redis.url() + "?timeout=5s", "cachetory.caches.sb-props-redis.prefix=app:")
                .run(context -> {
                    Cachetory.registry().cache("sb-props-redis").set("k", "v");
                    try (RedisServer.Admin admin = redis.admin()) {
                        assertThat(admin.sync().exists("app:k")).isEqualTo(1L);
                    }
                    assertThat(Cachetory.registry().asyncCache("sb-props-redis").get("k").join()).isEqualTo("v");
                });
    }

    @Test
    void cacheWithoutBackendFailsTheStartNamingTheProperty() {
        Contexts.runner()
                .withPropertyValues("cachetory.caches.sb-nobackend.prefix=x:")
                .run(context -> assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("cachetory.caches.sb-nobackend.backend"));
    }

    @Test
    void badBackendUrlFailsTheStart() {
        Contexts.runner()
                .withPropertyValues("cachetory.caches.sb-bad.backend=nosuch://x")
                .run(context -> assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nosuch"));
    }

    @Test
    void noopSerializerOverRedisFailsTheStartNamingTheCache() {
        Contexts.runner()
                .withPropertyValues("cachetory.caches.sb-noop.backend=" + redis.url(),
                        "cachetory.caches.sb-noop.serializer=noop://")
                .run(context -> assertThat(context.getStartupFailure())
                        .hasStackTraceContaining("cachetory.caches.sb-noop")
                        .hasRootCauseInstanceOf(IllegalArgumentException.class)
                        .hasStackTraceContaining("noop:// keeps values as objects"));
    }

    @Test
    void memoryCacheOfThePropertiesSharesItsStoreBetweenItsFaces() {
        Contexts.runner()
                .withPropertyValues("cachetory.caches.sb-faces.backend=memory://")
                .run(context -> {
                    Object value = new Object();
                    Cachetory.registry().cache("sb-faces").set("k", value);
                    assertThat(Cachetory.registry().asyncCache("sb-faces").get("k").join()).isSameAs(value);
                });
    }
}
