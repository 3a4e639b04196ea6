package io.cachetory.redis.hostile;

/** A harmless class whose Kryo bytes are doctored to name {@link EvilOne} (same name length). */
public class NiceOne {
    public String payload = "hello";
}
