package io.cachetory.backend;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A parsed backend URL: {@code scheme://[user[:password]@]authority[/path][?name=value&…]}.
 *
 * <p>Parsed by hand because {@link java.net.URI} rejects {@code memory://} and {@code dummy://}
 * (no authority) and sentinel lists such as {@code host1:26379,host2:26379}. The password never
 * appears in {@link #toString()}. Immutable and thread-safe.
 */
public final class BackendUrl {
    private final String scheme;
    private final String user;
    private final String password;
    private final String authority;
    private final String path;
    private final Map<String, String> params;

    private BackendUrl(String scheme, String user, String password, String authority, String path, Map<String, String> params) {
        this.scheme = scheme;
        this.user = user;
        this.password = password;
        this.authority = authority;
        this.path = path;
        this.params = params;
    }

    /**
     * @throws IllegalArgumentException when the text has no {@code scheme://}, or a parameter is
     *     malformed or repeated; the message never contains the password
     */
    public static BackendUrl parse(String url) {
        if (url == null) {
            throw new IllegalArgumentException("backend URL is null");
        }
        int sep = url.indexOf("://");
        if (sep <= 0) {
            throw new IllegalArgumentException("invalid backend URL '" + redact(url) + "': expected scheme://…");
        }
        String scheme = url.substring(0, sep).toLowerCase(Locale.ROOT);
        String rest = url.substring(sep + 3);
        String query = null;
        int q = rest.indexOf('?');
        if (q >= 0) {
            query = rest.substring(q + 1);
            rest = rest.substring(0, q);
        }
        String path = "";
        int slash = rest.indexOf('/');
        if (slash >= 0) {
            path = decode(rest.substring(slash));
            rest = rest.substring(0, slash);
        }
        String user = null;
        String password = null;
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
            String info = rest.substring(0, at);
            rest = rest.substring(at + 1);
            int colon = info.indexOf(':');
            if (colon >= 0) {
                user = decode(info.substring(0, colon));
                password = decode(info.substring(colon + 1));
            } else {
                // redis://secret@host is a password alone, as redis-py and Lettuce read it
                password = decode(info);
            }
            if (user != null && user.isEmpty()) {
                user = null;
            }
        }
        Map<String, String> params = new LinkedHashMap<>();
        if (query != null && !query.isEmpty()) {
            for (String pair : query.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = decode(eq >= 0 ? pair.substring(0, eq) : pair);
                String value = eq >= 0 ? decode(pair.substring(eq + 1)) : "";
                if (params.put(name, value) != null) {
                    throw new IllegalArgumentException("backend URL '" + redact(url) + "': parameter '" + name + "' given twice");
                }
            }
        }
        return new BackendUrl(scheme, user, password, rest, path, Collections.unmodifiableMap(params));
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** The URL with any password replaced by {@code ***}; safe for messages and logs. */
    public static String redact(String url) {
        if (url == null) {
            return "null";
        }
        int sep = url.indexOf("://");
        if (sep < 0) {
            // Not scheme://… (a typo such as redis:/user:pw@host): mask all before the last '@'.
            int at = url.lastIndexOf('@');
            return at < 0 ? url : "***" + url.substring(at);
        }
        int end = url.indexOf('/', sep + 3);
        int qm = url.indexOf('?', sep + 3);
        if (end < 0 || (qm >= 0 && qm < end)) {
            end = qm >= 0 ? qm : url.length();
        }
        int at = url.lastIndexOf('@', end - 1);
        if (at < sep) {
            return url;
        }
        String info = url.substring(sep + 3, at);
        int colon = info.indexOf(':');
        String masked = colon >= 0 ? info.substring(0, colon + 1) + "***" : "***";
        return url.substring(0, sep + 3) + masked + url.substring(at);
    }

    /** @return the scheme in lower case, such as {@code redis} */
    public String scheme() {
        return scheme;
    }

    /** @return the user name, or null */
    public String user() {
        return user;
    }

    /** @return the password, or null; never log it */
    public String password() {
        return password;
    }

    /** @return what stands between {@code //} (after any credentials) and the path: {@code host:port} or a list */
    public String authority() {
        return authority;
    }

    /** @return the decoded path with its leading {@code /}, or {@code ""} */
    public String path() {
        return path;
    }

    /** @return every parameter, in URL order */
    public Map<String, String> params() {
        return params;
    }

    /** @return the parameter's value, or {@code null} when absent */
    public String param(String name) {
        return params.get(name);
    }

    /**
     * @throws IllegalArgumentException naming the first parameter that is not in {@code known}
     */
    public BackendUrl requireOnly(Set<String> known) {
        for (String name : params.keySet()) {
            if (!known.contains(name)) {
                throw new IllegalArgumentException("unknown parameter '" + name + "' in " + scheme + ":// URL " + this
                        + " (known: " + (known.isEmpty() ? "none" : String.join(", ", new TreeSet<>(known))) + ")");
            }
        }
        return this;
    }

    /** The URL as written, with the password masked. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(scheme).append("://");
        if (user != null || password != null) {
            if (user != null) {
                sb.append(user);
            }
            if (password != null) {
                sb.append(user != null ? ":" : "").append("***");
            }
            sb.append('@');
        }
        sb.append(authority).append(path);
        if (!params.isEmpty()) {
            sb.append('?');
            boolean first = true;
            for (Map.Entry<String, String> e : params.entrySet()) {
                if (!first) {
                    sb.append('&');
                }
                first = false;
                sb.append(e.getKey()).append('=').append(e.getValue());
            }
        }
        return sb.toString();
    }
}
