package io.cachetory.memo;

import io.cachetory.serializer.ClassFingerprint;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The tag a memoized method's keys carry over a cache that stores bytes: 8 lowercase hexadecimal
 * digits of the SHA-256 of the stored type's {@link ClassFingerprint} (a future's value type, a
 * primitive's box, generic arguments included) and the method's {@code version}. Two releases whose
 * return types differ in structure, or whose versions differ, thus key their entries apart, and
 * neither evicts, overwrites nor reads the other's. The same in every JVM for the same code.
 */
final class KeyTag {
    /**
     * The format of stored values, changed whenever the value header's format is: a release that
     * writes another format keys its entries apart, so the two never overwrite each other's entries
     * during a rolling upgrade ("" was format 1).
     */
    private static final String VALUE_FORMAT = "\nformat 2";

    private KeyTag() {}

    /** The tag of a method whose declared (generic) return type is {@code returnType}. */
    static String ofReturnType(Type returnType, String version) {
        return of(storedType(returnType), version);
    }

    /** The tag of values of {@code storedType} ({@code Object.class} when unknown) at {@code version}. */
    static String of(Type storedType, String version) {
        String text = Long.toHexString(ClassFingerprint.of(storedType)) + '\n' + version + VALUE_FORMAT;
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    /** What is stored for a method returning {@code type}: a future's value, a primitive's box. */
    static Type storedType(Type type) {
        if (type instanceof ParameterizedType p
                && (p.getRawType() == CompletableFuture.class || p.getRawType() == CompletionStage.class)) {
            return p.getActualTypeArguments()[0];
        }
        if (type == CompletableFuture.class || type == CompletionStage.class) {
            return Object.class;
        }
        if (type instanceof Class<?> c && c.isPrimitive()) {
            return java.lang.invoke.MethodType.methodType(c).wrap().returnType();
        }
        return type;
    }
}
