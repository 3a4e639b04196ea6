package io.cachetory.memo;

import io.cachetory.annotations.KeyMaker;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link KeyMaker} for long arguments: the SHA-256 of the default key the method would have
 * without a key maker (its {@link io.cachetory.annotations.Cached#prefix() prefix} or identity,
 * then its key arguments), as 64 lowercase hexadecimal characters. Used as
 * {@code @Cached(prefix = "quotes", keyMaker = HashedKeyMaker.class)} the key is
 * {@code quotes:<64 hex>}.
 *
 * <p>The Python original hashes with blake2s, so hashed keys are not shared with Python
 * applications (the unhashed default keys are).
 *
 * <p>Thread-safe: the default template of each method is built once and cached per declaring
 * class (released with it); a digest is made per call, since {@link MessageDigest} is not.
 */
public final class HashedKeyMaker implements KeyMaker {
    private static final ClassValue<Map<Method, KeyTemplate>> TEMPLATES = new ClassValue<>() {
        @Override
        protected Map<Method, KeyTemplate> computeValue(Class<?> type) {
            return new ConcurrentHashMap<>();
        }
    };
    private static final HexFormat HEX = HexFormat.of();

    /** Stateless; one instance per method is made by the runtime. */
    public HashedKeyMaker() {}

    @Override
    public String makeKey(Method method, Object[] args) {
        // defaultOf ignores keyMaker, so a method whose key maker is this class does not recurse.
        KeyTemplate template = TEMPLATES.get(method.getDeclaringClass())
                .computeIfAbsent(method, KeyTemplate::defaultOf);
        String key = template.key(args);
        return HEX.formatHex(sha256().digest(key.getBytes(StandardCharsets.UTF_8)));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
