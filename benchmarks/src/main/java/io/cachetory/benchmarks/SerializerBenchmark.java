package io.cachetory.benchmarks;

import io.cachetory.serializer.Serializer;
import io.cachetory.serializer.Serializers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Round trips of a {@link Portfolio} (20 positions: a List of records, a Map, BigDecimals) through the
 * serializers of {@code Serializers.fromUrl}, each alone and followed by Zstandard. The size of the
 * bytes each produces is appended, once per fork, to {@code benchmarks/results/serializer-sizes.tsv}
 * (relative to the working directory; {@code -Dcachetory.bench.sizes=FILE} to change it).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class SerializerBenchmark {
    static final String ALLOW = "?allow=io.cachetory.benchmarks";

    @Param({"kryo", "kryo+zstd", "java", "java+zstd", "json", "json+zstd"})
    public String scheme;

    Serializer<Object, byte[]> serializer;
    Portfolio value;
    byte[] bytes;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        try {
            serializer = Serializers.fromUrl(scheme + "://" + ALLOW);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("Serializers.fromUrl(\"" + scheme + "://" + ALLOW + "\") failed: " + e.getMessage()
                    + " (the serializers have not landed on this branch yet?)", e);
        }
        value = Portfolio.sample(20);
        bytes = serializer.serialize(value);
        Object back = serializer.deserialize(bytes);
        if (!value.equals(back)) {
            throw new IllegalStateException(scheme + ": the round trip changed the value: " + back);
        }
        Path sizes = Path.of(System.getProperty("cachetory.bench.sizes", "benchmarks/results/serializer-sizes.tsv"));
        if (sizes.getParent() != null && Files.isDirectory(sizes.getParent())) {
            Files.writeString(sizes, scheme + "\t" + bytes.length + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        System.out.println(scheme + ": " + bytes.length + " bytes");
    }

    @Benchmark
    public Object roundTrip() {
        return serializer.deserialize(serializer.serialize(value));
    }

    @Benchmark
    public byte[] serialize() {
        return serializer.serialize(value);
    }

    @Benchmark
    public Object deserialize() {
        return serializer.deserialize(bytes);
    }
}
