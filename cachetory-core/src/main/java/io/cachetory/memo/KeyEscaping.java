package io.cachetory.memo;

/**
 * The two escapings of key text. At the top level of a key only {@code \} and {@code :} are
 * escaped, so that keys stay readable and injective ({@code "AAPL"} stays {@code AAPL}). Inside a
 * container (list, set, map, array, record, optional) the delimiters of the nested forms are escaped as well, and
 * the empty string is written {@code \e}, so that every nested element is self-delimiting: without
 * {@code \e} an empty list and a list holding one empty string would both read {@code \[]}.
 *
 * <p>Every escape is a backslash pair, and a string never produces a pair other than its own
 * escapes, so a backslash followed by any other character is free to act as a type tag.
 */
final class KeyEscaping {
    private KeyEscaping() {}

    /** Appends {@code s} escaped for the given context. */
    static void escape(StringBuilder sb, String s, boolean nested) {
        if (nested) {
            nested(sb, s);
        } else {
            top(sb, s);
        }
    }

    /** {@code s} escaped for the given context, for forms computed once per class. */
    static String escaped(String s, boolean nested) {
        StringBuilder sb = new StringBuilder(s.length() + 4);
        escape(sb, s, nested);
        return sb.toString();
    }

    /** Top level: {@code \} → {@code \\}, {@code :} → {@code \:}; the common no-escape case appends once. */
    static void top(StringBuilder sb, String s) {
        int n = s.length();
        int i = 0;
        while (i < n && !topSpecial(s.charAt(i))) {
            i++;
        }
        if (i == n) {
            sb.append(s);
            return;
        }
        sb.append(s, 0, i);
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (topSpecial(c)) {
                sb.append('\\');
            }
            sb.append(c);
        }
    }

    /** Nested: also escapes the delimiters {@code , ] } =}; the empty string is {@code \e}. */
    static void nested(StringBuilder sb, String s) {
        int n = s.length();
        if (n == 0) {
            sb.append("\\e");
            return;
        }
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (nestedSpecial(c)) {
                sb.append('\\');
            }
            sb.append(c);
        }
    }

    /** One character, escaped as a one-character string of the context would be. */
    static void escapeChar(StringBuilder sb, char c, boolean nested) {
        if (nested ? nestedSpecial(c) : topSpecial(c)) {
            sb.append('\\');
        }
        sb.append(c);
    }

    private static boolean topSpecial(char c) {
        return c == '\\' || c == ':';
    }

    // '[' and '{' need no escape: containers open with a tag pair (\[ \{), never a bare bracket.
    private static boolean nestedSpecial(char c) {
        switch (c) {
            case '\\':
            case ':':
            case ',':
            case ']':
            case '}':
            case '=':
                return true;
            default:
                return false;
        }
    }
}
