package io.cachetory.memo;

/**
 * The key writer of one method whose key parameters are all of the simple kinds — {@code String},
 * primitives and their boxes, enums — chosen once from the declared types when the method's
 * {@link KeyTemplate} is built. It writes exactly what the general {@link ArgumentRenderer}s write
 * for those types (a {@code String} with {@code \} and {@code :} escaped, numbers and booleans as
 * {@code String.valueOf}, an enum's {@code name()}, a char escaped like a one-character string), but
 * without a renderer call per argument.
 *
 * <p>Methods of one to three key parameters that are each a {@code String}, an {@code int} (or
 * {@code Integer}), a {@code boolean}, a {@code char} or an enum get one straight
 * {@code new StringBuilder().append(…)…toString()} per shape: the JIT compiles such a chain into one
 * exact-size allocation of the key (as it does for {@code prefix + ":" + a + ":" + b}). Other simple
 * shapes append into the per-thread {@link KeyBuffer}, dispatching on a kind per argument.
 *
 * <p>A {@code null} argument makes {@code write} answer {@code null}: the caller then renders the key
 * the general way ({@code \N}), so the rare case costs nothing on the common one. Immutable and
 * thread-safe.
 */
final class KeyWriter {
    // Kinds of a key parameter.
    private static final byte STRING = 0;
    private static final byte INT = 1;
    private static final byte BOOLEAN = 2;
    private static final byte CHAR = 3;
    private static final byte ENUM = 4;
    private static final byte LONG = 5;
    private static final byte SHORT = 6;
    private static final byte BYTE = 7;
    private static final byte FLOAT = 8;
    private static final byte DOUBLE = 9;

    /** One-character strings of the ASCII characters, so a {@code char} argument needs no allocation. */
    private static final String[] ASCII = new String[128];

    static {
        for (char c = 0; c < ASCII.length; c++) {
            ASCII[c] = c == ':' || c == '\\' ? "\\" + c : String.valueOf(c);
        }
    }

    /** The prefix followed by the first {@code :}. */
    private final String head;
    private final byte[] kinds;
    /**
     * For the concatenated shapes, one bit per position (bit i set: position i is an {@code int}
     * appended as a number, else a string piece) plus {@code 8 × arity}; {@code -1} for the buffered
     * shapes.
     */
    private final int shape;

    private KeyWriter(String prefix, byte[] kinds) {
        this.head = prefix + ':';
        this.kinds = kinds;
        this.shape = concatShape(kinds);
    }

    /**
     * @param prefix the key prefix (with its tag, if any)
     * @param keyTypes the declared types of the key parameters, in key order
     * @return the writer, or {@code null} when some key parameter is not of a simple kind (or there is none)
     */
    static KeyWriter of(String prefix, Class<?>[] keyTypes) {
        if (keyTypes.length == 0) {
            return null;
        }
        byte[] kinds = new byte[keyTypes.length];
        for (int i = 0; i < keyTypes.length; i++) {
            int kind = kindOf(keyTypes[i]);
            if (kind < 0) {
                return null;
            }
            kinds[i] = (byte) kind;
        }
        return new KeyWriter(prefix, kinds);
    }

    private static int kindOf(Class<?> type) {
        if (type == String.class) return STRING;
        if (type == int.class || type == Integer.class) return INT;
        if (type == boolean.class || type == Boolean.class) return BOOLEAN;
        if (type == char.class || type == Character.class) return CHAR;
        if (type.isEnum()) return ENUM;
        if (type == long.class || type == Long.class) return LONG;
        if (type == short.class || type == Short.class) return SHORT;
        if (type == byte.class || type == Byte.class) return BYTE;
        if (type == float.class || type == Float.class) return FLOAT;
        if (type == double.class || type == Double.class) return DOUBLE;
        return -1;
    }

    private static int concatShape(byte[] kinds) {
        if (kinds.length > 3) {
            return -1;
        }
        int bits = 0;
        for (int i = 0; i < kinds.length; i++) {
            byte kind = kinds[i];
            if (kind == INT) {
                bits |= 1 << i;
            } else if (kind != STRING && kind != BOOLEAN && kind != CHAR && kind != ENUM) {
                return -1;
            }
        }
        return kinds.length * 8 + bits;
    }

    /** @return the number of key arguments this writer takes */
    int arity() {
        return kinds.length;
    }

    // ---- concatenated shapes: one straight chain each --------------------------------------------

    /** The key of a one-parameter key, or {@code null} for a null argument. */
    String write(Object k0) {
        if (k0 == null) {
            return null;
        }
        switch (shape) {
            case 8: {
                String p0 = piece(0, k0);
                return new StringBuilder().append(head).append(p0).toString();
            }
            case 9: {
                int i0 = (Integer) k0;
                return new StringBuilder().append(head).append(i0).toString();
            }
            default:
                return buffered(new Object[] {k0});
        }
    }

    /** The key of a two-parameter key, or {@code null} when an argument is null. */
    String write(Object k0, Object k1) {
        if (k0 == null || k1 == null) {
            return null;
        }
        switch (shape) {
            case 16: {
                String p0 = piece(0, k0);
                String p1 = piece(1, k1);
                return new StringBuilder().append(head).append(p0).append(':').append(p1).toString();
            }
            case 17: {
                int i0 = (Integer) k0;
                String p1 = piece(1, k1);
                return new StringBuilder().append(head).append(i0).append(':').append(p1).toString();
            }
            case 18: {
                String p0 = piece(0, k0);
                int i1 = (Integer) k1;
                return new StringBuilder().append(head).append(p0).append(':').append(i1).toString();
            }
            case 19: {
                int i0 = (Integer) k0;
                int i1 = (Integer) k1;
                return new StringBuilder().append(head).append(i0).append(':').append(i1).toString();
            }
            default:
                return buffered(new Object[] {k0, k1});
        }
    }

    /** The key of a three-parameter key, or {@code null} when an argument is null. */
    String write(Object k0, Object k1, Object k2) {
        if (k0 == null || k1 == null || k2 == null) {
            return null;
        }
        // one small method per shape keeps this one small enough for the JIT to inline into the caller
        switch (shape) {
            case 24: return sss(k0, k1, k2);
            case 25: return iss(k0, k1, k2);
            case 26: return sis(k0, k1, k2);
            case 27: return iis(k0, k1, k2);
            case 28: return ssi(k0, k1, k2);
            case 29: return isi(k0, k1, k2);
            case 30: return sii(k0, k1, k2);
            case 31: return iii(k0, k1, k2);
            default: return buffered(new Object[] {k0, k1, k2});
        }
    }

    private String sss(Object k0, Object k1, Object k2) {
        String p0 = piece(0, k0);
        String p1 = piece(1, k1);
        String p2 = piece(2, k2);
        return new StringBuilder().append(head).append(p0).append(':').append(p1).append(':').append(p2).toString();
    }

    private String iss(Object k0, Object k1, Object k2) {
        int i0 = (Integer) k0;
        String p1 = piece(1, k1);
        String p2 = piece(2, k2);
        return new StringBuilder().append(head).append(i0).append(':').append(p1).append(':').append(p2).toString();
    }

    private String sis(Object k0, Object k1, Object k2) {
        String p0 = piece(0, k0);
        int i1 = (Integer) k1;
        String p2 = piece(2, k2);
        return new StringBuilder().append(head).append(p0).append(':').append(i1).append(':').append(p2).toString();
    }

    private String iis(Object k0, Object k1, Object k2) {
        int i0 = (Integer) k0;
        int i1 = (Integer) k1;
        String p2 = piece(2, k2);
        return new StringBuilder().append(head).append(i0).append(':').append(i1).append(':').append(p2).toString();
    }

    private String ssi(Object k0, Object k1, Object k2) {
        String p0 = piece(0, k0);
        String p1 = piece(1, k1);
        int i2 = (Integer) k2;
        return new StringBuilder().append(head).append(p0).append(':').append(p1).append(':').append(i2).toString();
    }

    private String isi(Object k0, Object k1, Object k2) {
        int i0 = (Integer) k0;
        String p1 = piece(1, k1);
        int i2 = (Integer) k2;
        return new StringBuilder().append(head).append(i0).append(':').append(p1).append(':').append(i2).toString();
    }

    private String sii(Object k0, Object k1, Object k2) {
        String p0 = piece(0, k0);
        int i1 = (Integer) k1;
        int i2 = (Integer) k2;
        return new StringBuilder().append(head).append(p0).append(':').append(i1).append(':').append(i2).toString();
    }

    private String iii(Object k0, Object k1, Object k2) {
        int i0 = (Integer) k0;
        int i1 = (Integer) k1;
        int i2 = (Integer) k2;
        return new StringBuilder().append(head).append(i0).append(':').append(i1).append(':').append(i2).toString();
    }

    // ---- unboxed lanes: an int key parameter handed over as an int, never boxed -------------------
    // The caller guarantees the position is of kind INT.

    /** The key of a one-parameter key of kind INT. */
    String write(int k0) {
        return new StringBuilder().append(head).append(k0).toString();
    }

    /** The key of a two-parameter key whose second is of kind INT; {@code null} when k0 is null. */
    String write(Object k0, int k1) {
        if (k0 == null) {
            return null;
        }
        byte kind0 = kinds[0];
        if (kind0 == INT) {
            int i0 = (Integer) k0;
            return new StringBuilder().append(head).append(i0).append(':').append(k1).toString();
        }
        if (isPiece(kind0)) {
            String p0 = piece(0, k0);
            return new StringBuilder().append(head).append(p0).append(':').append(k1).toString();
        }
        return write(k0, (Object) k1);
    }

    /** The key of a two-parameter key whose first is of kind INT; {@code null} when k1 is null. */
    String write(int k0, Object k1) {
        if (k1 == null) {
            return null;
        }
        byte kind1 = kinds[1];
        if (kind1 == INT) {
            int i1 = (Integer) k1;
            return new StringBuilder().append(head).append(k0).append(':').append(i1).toString();
        }
        if (isPiece(kind1)) {
            String p1 = piece(1, k1);
            return new StringBuilder().append(head).append(k0).append(':').append(p1).toString();
        }
        return write((Object) k0, k1);
    }

    /** The key of a two-parameter key of kind INT twice. */
    String write(int k0, int k1) {
        return new StringBuilder().append(head).append(k0).append(':').append(k1).toString();
    }

    /** Whether a kind is written as a string piece by {@link #piece}. */
    private static boolean isPiece(byte kind) {
        return kind == STRING || kind == ENUM || kind == BOOLEAN || kind == CHAR;
    }

    /** The key of any arity, the key arguments in key order; {@code null} when one is null. */
    String write(Object[] keyArgs) {
        switch (keyArgs.length) {
            case 1: return write(keyArgs[0]);
            case 2: return write(keyArgs[0], keyArgs[1]);
            case 3: return write(keyArgs[0], keyArgs[1], keyArgs[2]);
            default:
                for (Object arg : keyArgs) {
                    if (arg == null) {
                        return null;
                    }
                }
                return buffered(keyArgs);
        }
    }

    /** A string piece of a concatenated shape: the argument's text, escaped; no allocation unless escaped. */
    private String piece(int position, Object arg) {
        switch (kinds[position]) {
            case STRING:
                return escapedTop((String) arg);
            case ENUM:
                return escapedTop(((Enum<?>) arg).name());
            case BOOLEAN:
                return (Boolean) arg ? "true" : "false";
            default: { // CHAR
                char c = (Character) arg;
                return c < ASCII.length ? ASCII[c] : String.valueOf(c);
            }
        }
    }

    /** {@code s} with {@code \} and {@code :} escaped; {@code s} itself when it holds neither. */
    private static String escapedTop(String s) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c == ':' || c == '\\') {
                StringBuilder sb = new StringBuilder(n + 4);
                KeyEscaping.top(sb, s);
                return sb.toString();
            }
        }
        return s;
    }

    // ---- buffered shapes: more parameters, or longs, shorts, bytes, floats, doubles -------------

    private String buffered(Object[] keyArgs) {
        KeyBuffer buffer = KeyBuffer.acquire();
        StringBuilder sb = buffer.sb.append(head);
        try {
            for (int i = 0; i < keyArgs.length; i++) {
                if (i > 0) {
                    sb.append(':');
                }
                Object a = keyArgs[i];
                switch (kinds[i]) {
                    case STRING: KeyEscaping.top(sb, (String) a); break;
                    case INT: sb.append((int) (Integer) a); break;
                    case LONG: sb.append((long) (Long) a); break;
                    case BOOLEAN: sb.append((boolean) (Boolean) a); break;
                    case CHAR: KeyEscaping.escapeChar(sb, (Character) a, false); break;
                    case ENUM: KeyEscaping.top(sb, ((Enum<?>) a).name()); break;
                    case SHORT: sb.append((short) (Short) a); break;
                    case BYTE: sb.append((byte) (Byte) a); break;
                    case FLOAT: sb.append((float) (Float) a); break;
                    default: sb.append((double) (Double) a); break;
                }
            }
        } catch (RuntimeException | Error e) {
            buffer.abandon();
            throw e;
        }
        return buffer.release();
    }
}
