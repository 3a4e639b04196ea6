package io.cachetory.redis;

import io.cachetory.SerializationException;
import io.cachetory.serializer.Serializer;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Test-local String ⇄ UTF-8 serializer; bytes that are not valid UTF-8 → SerializationException. */
final class Utf8TestSerializer implements Serializer<String, byte[]> {
    @Override
    public byte[] serialize(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String deserialize(byte[] data) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(data))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new SerializationException("not UTF-8: " + data.length + " bytes", e);
        }
    }
}
