package io.cachetory.benchmarks.reliability;

import io.cachetory.serializer.Serializer;
import io.cachetory.serializer.Serializers;
import java.util.*;
import java.lang.management.*;
/**
 * Reads the hostile payloads of the hardening work (nested shared sets, decompression bombs, a
 * string announcing more characters than it has) and prints, per payload, its size, the read time,
 * the bytes this thread allocated and the outcome. Not a JMH benchmark: a read of these must be
 * refused, and the figures show how much it cost to find out. Run with a small heap, e.g.
 * {@code java -Xmx256m -cp benchmarks/target/benchmarks.jar io.cachetory.benchmarks.reliability.AttackPayloads}.
 */
public final class AttackPayloads {
  static Set<Object> dos(int depth) {
    Set<Object> root = new HashSet<>(); Set<Object> s1 = root; Set<Object> s2 = new HashSet<>();
    for (int i = 0; i < depth; i++) { Set<Object> t1 = new HashSet<>(), t2 = new HashSet<>(); t1.add("x");
      s1.add(t1); s1.add(t2); s2.add(t1); s2.add(t2); s1 = t1; s2 = t2; }
    return root;
  }
  static long alloc() { return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes(); }
  static void run(String what, Serializer<Object, byte[]> s, byte[] p) {
    long a = alloc(); long t = System.nanoTime(); String out;
    try { s.deserialize(p); out = "read"; } catch (Throwable e) { out = e.getClass().getSimpleName() + ": " + String.valueOf(e.getMessage()).substring(0, Math.min(90, String.valueOf(e.getMessage()).length())); }
    System.out.printf("%-34s %8d B  %8.1f ms  %8.1f MB allocated  -> %s%n", what, p.length, (System.nanoTime()-t)/1e6, (alloc()-a)/1e6, out);
  }
  static byte[] reframe(byte[] real, byte[] payload) {
    byte[] framed = java.util.Arrays.copyOf(real, 16 + payload.length);
    System.arraycopy(payload, 0, framed, 16, payload.length);
    var crc = new java.util.zip.CRC32C(); crc.update(payload);
    java.nio.ByteBuffer.wrap(framed, 12, 4).putInt((int) crc.getValue());
    return framed;
  }
  /** {@code longer}'s bytes with its element count (the first byte where they differ from {@code shorter}'s) set to 30M. */
  static byte[] announcing(Serializer<Object, byte[]> kryo, Object shorter, Object longer, boolean flagged) {
    byte[] x = kryo.serialize(shorter), y = kryo.serialize(longer);
    int at = 16; while (x[at] == y[at]) at++;
    var o = new com.esotericsoftware.kryo.io.Output(y.length + 16); o.writeBytes(y, 16, at - 16);
    if (flagged) o.writeVarIntFlag((y[at] & 0x80) != 0, 30_000_001, true); else o.writeVarInt(30_000_001, true);
    o.writeBytes(y, at + 1, y.length - at - 1);
    return reframe(y, o.toBytes());
  }
  /** Object[] in Object[] {@code depth} deep, each announcing {@code count} elements, the innermost holding a byte[] of {@code count}. */
  static byte[] chain(int depth, int count) {
    var o = new com.esotericsoftware.kryo.io.Output(count + 1024);
    o.writeVarInt(1, true); o.writeVarInt(0, true); o.writeString(Object[].class.getName()); o.writeVarInt(1, true); o.writeVarInt(count + 1, true);
    for (int i = 1; i < depth; i++) { o.writeVarInt(1, true); o.writeVarInt(0, true); o.writeVarInt(1, true); o.writeVarInt(count + 1, true); }
    o.writeVarInt(1, true); o.writeVarInt(1, true); o.writeString(byte[].class.getName()); o.writeVarInt(1, true); o.writeVarInt(count + 1, true);
    o.writeBytes(new byte[count]);
    return o.toBytes();
  }
  public static void main(String[] a) throws Exception {
    for (int rep = 0; rep < 2; rep++) {
    for (String sch : new String[]{"kryo", "java"}) {
      Serializer<Object, byte[]> s = Serializers.fromUrl(sch + "://");
      run(sch + " nested sets depth 100", s, s.serialize(dos(100)));
    }
    var out = new java.io.ByteArrayOutputStream();
    try (var z = new java.util.zip.DeflaterOutputStream(out)) { byte[] zero = new byte[1<<20]; for (int i = 0; i < 1024; i++) z.write(zero); }
    run("zlib bomb 1 GiB of zeros", Serializers.fromUrl("zlib://"), out.toByteArray());
    out = new java.io.ByteArrayOutputStream();
    try (var z = new com.github.luben.zstd.ZstdOutputStream(out)) { byte[] zero = new byte[1<<20]; for (int i = 0; i < 1024; i++) z.write(zero); }
    run("zstd bomb 1 GiB of zeros", Serializers.fromUrl("zstd://"), out.toByteArray());
    var o = new com.esotericsoftware.kryo.io.Output(16); o.writeVarInt(3, true); o.writeVarInt(1, true); o.writeVarIntFlag(true, 61_000_001, true);
    // Behind an intact value header (a hostile writer can compute one): the header of a real String value,
    // its checksum recomputed over the hostile payload.
    Serializer<Object, byte[]> kryo = Serializers.fromUrl("kryo://");
    run("kryo string announcing 61M chars", kryo, reframe(kryo.serialize("x"), o.toBytes()));
    run("kryo String[] announcing 30M", kryo, announcing(kryo, new String[] {"a"}, new String[] {"a", "b"}, false));
    run("kryo Integer[] announcing 30M", kryo, announcing(kryo, new Integer[] {1}, new Integer[] {1, 2}, false));
    run("kryo List.of announcing 30M", kryo, announcing(kryo, List.of(1, 2, 3), List.of(1, 2, 3, 4), true));
    run("kryo PriorityQueue announcing 30M", kryo,
        announcing(kryo, new java.util.PriorityQueue<>(List.of(1)), new java.util.PriorityQueue<>(List.of(1, 2)), true));
    run("kryo 100 Object[] in a chain, 100K each", kryo, reframe(kryo.serialize(new Object[] {new byte[1]}), chain(100, 100_000)));
    }
  }
}
