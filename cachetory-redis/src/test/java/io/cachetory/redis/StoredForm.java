package io.cachetory.redis;

import io.cachetory.serializer.ClassFingerprint;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.function.UnaryOperator;
import java.util.zip.CRC32C;

/**
 * What memoization and the byte serializers put in Redis, written out independently of the library:
 * the key tag and the 16-byte value header. Pinned here so that a change of either (which would
 * retire every stored entry) fails a test instead of passing unnoticed.
 */
final class StoredForm {
    static final int HEADER = 16;

    private StoredForm() {}

    /** The tag of a method storing values of {@code type} at {@code version}, in value format 2. */
    static String tag(Type type, String version) throws Exception {
        String text = Long.toHexString(ClassFingerprint.of(type)) + '\n' + version + "\nformat 2";
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest, 0, 4);
    }

    /** Framed bytes whose payload {@code change} rewrote, with the checksum made right again. */
    static byte[] reframe(byte[] framed, UnaryOperator<byte[]> change) {
        byte[] payload = change.apply(Arrays.copyOfRange(framed, HEADER, framed.length));
        byte[] out = Arrays.copyOf(framed, HEADER + payload.length);
        System.arraycopy(payload, 0, out, HEADER, payload.length);
        CRC32C crc = new CRC32C();
        crc.update(payload);
        int c = (int) crc.getValue();
        for (int i = 0; i < 4; i++) {
            out[12 + i] = (byte) (c >>> (24 - 8 * i));
        }
        return out;
    }
}
