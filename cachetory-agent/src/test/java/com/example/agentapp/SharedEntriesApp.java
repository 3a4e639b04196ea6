package com.example.agentapp;

import io.cachetory.Cache;
import io.cachetory.Cachetory;
import io.cachetory.memo.Memo;
import io.cachetory.memo.Memoized;
import io.cachetory.serializer.Serializers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One JVM of the shared-entries test: {@code args[0]} the shared directory, {@code args[1]} how
 * {@link DeployedService} is memoized: {@code agent} (a plain {@code new}, under the agent),
 * {@code proxy} ({@code Cachetory.create}) or {@code memo} ({@code Memo.of} with the same prefix,
 * declared type and version). Calls {@code item("a")} and {@code item("bb")}.
 */
public final class SharedEntriesApp {
    public static void main(String[] args) throws Exception {
        Path dir = Paths.get(args[0]);
        Cache<Object> shared = Cache.of(Serializers.fromUrl("kryo://"), new DirectoryBackend(dir));
        Cachetory.registry().register("shared", shared);
        java.util.function.Function<String, DeployedItem> item = switch (args[1]) {
            case "agent" -> new DeployedService()::item;
            case "proxy" -> Cachetory.create(DeployedService.class)::item;
            case "memo" -> {
                Memoized<String, DeployedItem> m = Memo.of((String id) -> {
                    DeployedService.BODY.incrementAndGet();
                    return DeployedService.make(id);
                }).cache((Cache) shared).prefix("items").returns(DeployedItem.class).version("3").build();
                yield m;
            }
            default -> throw new IllegalArgumentException(args[1]);
        };
        boolean right = item.apply("a").equals(DeployedService.make("a")) && item.apply("bb").equals(DeployedService.make("bb"));
        Facts.fact("bodyRuns", DeployedService.BODY.get());
        Facts.fact("right", right);
        try (Stream<Path> files = Files.list(dir)) {
            Facts.fact("files", files.map(p -> p.getFileName().toString()).sorted().collect(Collectors.joining(",")));
        }
    }
}
