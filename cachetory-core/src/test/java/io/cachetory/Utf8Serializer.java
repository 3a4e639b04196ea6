package io.cachetory;

import io.cachetory.serializer.Serializer;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A test serializer: {@code String} to UTF-8 bytes and back, strictly (bytes that are not UTF-8 throw
 * {@link SerializationException}). Records the threads it ran on.
 */
public final class Utf8Serializer implements Serializer<String, byte[]> {
    final List<String> serializeThreads = new CopyOnWriteArrayList<>();
    final List<String> deserializeThreads = new CopyOnWriteArrayList<>();

    @Override
    public byte[] serialize(String value) {
        serializeThreads.add(Thread.currentThread().getName());
        return value.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String deserialize(byte[] data) {
        deserializeThreads.add(Thread.currentThread().getName());
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(data))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new SerializationException("not UTF-8", e);
        }
    }
}
