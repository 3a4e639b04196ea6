package io.cachetory.serializer;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.Deflater;

/**
 * Makes serializers from URLs such as {@code kryo://}, {@code json://} or
 * {@code kryo+zstd://?compression-level=3&allow=com.example}.
 *
 * <p>Schemes: {@code noop} (alias {@code null}), {@code kryo}, {@code java}, {@code json}, {@code zlib},
 * {@code zstd} (alias {@code zstandard}). Schemes joined with {@code +} apply left to right on write
 * and right to left on read; a chain is one value serializer ({@code kryo}, {@code java} or
 * {@code json}) or compressor followed by compressors. {@code noop} stands alone.
 *
 * <p>Parameters apply to the whole chain:
 * <ul>
 *   <li>{@code compression-level}: an integer valid for every compressor in the chain (zlib 0–9 or -1
 *       for its default, zstd 1–22); an error without a compressor;</li>
 *   <li>{@code allow}: comma-separated classes or packages (see {@link AllowList}) that the chain's
 *       value serializer may instantiate on read, beyond {@link AllowList#global()}; an error without
 *       a value serializer;</li>
 *   <li>{@code max-value-size}: the most bytes a compressor of the chain inflates one value to
 *       ({@code 16m}, {@code 512k}, {@code 1048576}); larger data is refused as a decompression bomb.
 *       Default: 64 MiB or an eighth of the heap, whichever is smaller; an error without a
 *       compressor.</li>
 * </ul>
 * Stateless and thread-safe.
 */
public final class Serializers {
    static final String COMPRESSION_LEVEL = "compression-level";
    static final String ALLOW = "allow";
    static final String MAX_VALUE_SIZE = "max-value-size";

    private Serializers() {}

    /**
     * @throws IllegalArgumentException naming the unknown scheme, unknown or repeated parameter or bad
     *     value, or the Maven artifact a scheme needs when it is not on the class path
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static <V, W> Serializer<V, W> fromUrl(String url) {
        if (url == null) {
            throw new IllegalArgumentException("serializer URL is null");
        }
        String text = url.strip();
        int sep = text.indexOf("://");
        if (sep <= 0) {
            throw new IllegalArgumentException("invalid serializer URL '" + url + "': expected scheme:// such as kryo://");
        }
        List<Scheme> chain = new ArrayList<>();
        for (String name : text.substring(0, sep).toLowerCase(Locale.ROOT).split("\\+", -1)) {
            Scheme scheme = Scheme.of(name);
            if (scheme == null) {
                throw new IllegalArgumentException("unknown serializer scheme '" + name + "' in '" + url
                        + "' (known: noop, null, kryo, java, json, zlib, zstd, zstandard)");
            }
            chain.add(scheme);
        }
        Map<String, String> params = parameters(url, text.substring(sep + 3));
        checkShape(url, chain);

        Integer level = null;
        String levelText = params.remove(COMPRESSION_LEVEL);
        if (levelText != null) {
            level = compressionLevel(url, levelText, chain);
        }
        AllowList allowList = AllowList.global();
        String allowText = params.remove(ALLOW);
        if (allowText != null) {
            if (!chain.get(0).valueSerializer) {
                throw new IllegalArgumentException("parameter allow in '" + url
                        + "' applies only to kryo, java and json");
            }
            try {
                allowList = allowList.with(AllowList.parseEntries(allowText));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("bad value of parameter allow in '" + url + "': " + e.getMessage(), e);
            }
        }
        Integer maxValueSize = null;
        String maxText = params.remove(MAX_VALUE_SIZE);
        if (maxText != null) {
            if (chain.stream().allMatch(scheme -> scheme.levels == null)) {
                throw new IllegalArgumentException("parameter " + MAX_VALUE_SIZE + " in '" + url
                        + "' needs a compressor (zlib or zstd) in the chain");
            }
            try {
                maxValueSize = MaxValueSize.parse(maxText);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("bad value of parameter " + MAX_VALUE_SIZE + " in '" + url + "': "
                        + e.getMessage(), e);
            }
        }
        if (!params.isEmpty()) {
            throw new IllegalArgumentException("unknown parameter '" + params.keySet().iterator().next()
                    + "' in serializer URL '" + url + "' (known: " + COMPRESSION_LEVEL + ", " + ALLOW + ", "
                    + MAX_VALUE_SIZE + ")");
        }

        Serializer result = null;
        for (Scheme scheme : chain) {
            Serializer next = scheme.create(level, allowList, maxValueSize == null ? MaxValueSize.defaultBytes() : maxValueSize);
            result = result == null ? next : new ChainedSerializer(result, next);
        }
        return (Serializer<V, W>) result;
    }

    private static void checkShape(String url, List<Scheme> chain) {
        if (chain.size() > 1 && chain.contains(Scheme.NOOP)) {
            throw new IllegalArgumentException("noop:// cannot be chained in '" + url
                    + "': it keeps values as objects, which no other serializer takes as bytes");
        }
        for (int i = 1; i < chain.size(); i++) {
            if (chain.get(i).valueSerializer) {
                throw new IllegalArgumentException(chain.get(i).name + " must come first in '" + url
                        + "': only compressors (zlib, zstd) may follow a serializer");
            }
        }
        for (Scheme scheme : chain) {
            if (scheme.artifact != null && !isPresent(scheme.probeClass)) {
                throw new IllegalArgumentException(scheme.name + ":// needs " + scheme.artifact + " on the class path");
            }
        }
    }

    private static int compressionLevel(String url, String text, List<Scheme> chain) {
        int level;
        try {
            level = Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad value '" + text + "' of parameter " + COMPRESSION_LEVEL
                    + " in '" + url + "': not an integer");
        }
        boolean anyCompressor = false;
        for (Scheme scheme : chain) {
            if (scheme.levels == null) {
                continue;
            }
            anyCompressor = true;
            if (!scheme.levels.contains(level)) {
                throw new IllegalArgumentException("bad value " + level + " of parameter " + COMPRESSION_LEVEL
                        + " in '" + url + "': " + scheme.name + " takes " + scheme.levels.text());
            }
        }
        if (!anyCompressor) {
            throw new IllegalArgumentException("parameter " + COMPRESSION_LEVEL + " in '" + url
                    + "' needs a compressor (zlib or zstd) in the chain");
        }
        return level;
    }

    private static Map<String, String> parameters(String url, String rest) {
        Map<String, String> params = new LinkedHashMap<>();
        String query;
        if (rest.isEmpty() || rest.equals("/")) {
            return params;
        } else if (rest.startsWith("?")) {
            query = rest.substring(1);
        } else if (rest.startsWith("/?")) {
            query = rest.substring(2);
        } else {
            throw new IllegalArgumentException("serializer URL '" + url
                    + "' takes no host or path, only ?parameters (e.g. kryo+zstd://?compression-level=3)");
        }
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("bad parameter '" + pair + "' in serializer URL '" + url
                        + "': expected name=value");
            }
            String name = decode(url, pair.substring(0, eq)).toLowerCase(Locale.ROOT);
            if (params.put(name, decode(url, pair.substring(eq + 1))) != null) {
                throw new IllegalArgumentException("parameter '" + name + "' repeated in serializer URL '" + url + "'");
            }
        }
        return params;
    }

    private static String decode(String url, String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad escape in serializer URL '" + url + "': " + text, e);
        }
    }

    private static boolean isPresent(String className) {
        try {
            Class.forName(className, false, Serializers.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private enum Scheme {
        NOOP("noop", true, null, null, null),
        KRYO("kryo", true, null, null, null),
        JAVA("java", true, null, null, null),
        JSON("json", true, null,
                "com.fasterxml.jackson.core:jackson-databind", "com.fasterxml.jackson.databind.ObjectMapper"),
        ZLIB("zlib", false, CompressionLevels.ZLIB, null, null),
        ZSTD("zstd", false, CompressionLevels.ZSTD, "com.github.luben:zstd-jni", "com.github.luben.zstd.Zstd");

        final String name;
        final boolean valueSerializer;
        /** null for a value serializer, which takes no level */
        final CompressionLevels levels;
        final String artifact;
        final String probeClass;

        Scheme(String name, boolean valueSerializer, CompressionLevels levels, String artifact, String probeClass) {
            this.name = name;
            this.valueSerializer = valueSerializer;
            this.levels = levels;
            this.artifact = artifact;
            this.probeClass = probeClass;
        }

        static Scheme of(String name) {
            return switch (name) {
                case "noop", "null" -> NOOP;
                case "kryo" -> KRYO;
                case "java" -> JAVA;
                case "json" -> JSON;
                case "zlib" -> ZLIB;
                case "zstd", "zstandard" -> ZSTD;
                default -> null;
            };
        }

        @SuppressWarnings("rawtypes")
        Serializer create(Integer level, AllowList allowList, int maxValueSize) {
            return switch (this) {
                case NOOP -> NoopSerializer.instance();
                case KRYO -> new KryoSerializer<>(allowList);
                case JAVA -> new JavaSerializer<>(allowList);
                case JSON -> new JsonSerializer<>(allowList);
                case ZLIB -> new ZlibCompressor(level == null ? Deflater.DEFAULT_COMPRESSION : level, maxValueSize);
                case ZSTD -> new ZstdCompressor(level == null ? ZstdCompressor.DEFAULT_LEVEL : level, maxValueSize);
            };
        }
    }
}
