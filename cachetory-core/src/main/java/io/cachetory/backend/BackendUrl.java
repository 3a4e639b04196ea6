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
        // Credentials end at the last '@' before the query, so an unencoded '/' in a password is
        // still read as credentials and never leaks into the host or path.
        int firstQuery = rest.indexOf('?');
        int at = rest.lastIndexOf('@', firstQuery < 0 ? rest.length() : firstQuery);
        String user = null;
        String password = null;
        if (at >= 0) {
            String info = rest.substring(0, at);
            rest = rest.substring(at + 1);
            int colon = info.indexOf(':');
            if (colon >= 0) {
                user = decode(info.substring(0, colon), "user name", url);
                password = decode(info.substring(colon + 1), "password", url);
            } else {
                // redis://secret@host is a password alone, as redis-py and Lettuce read it
                password = decode(info, "password", url);
            }
            if (user != null && user.isEmpty()) {
                user = null;
            }
        }
        String query = null;
        int q = rest.indexOf('?');
        if (q >= 0) {
            query = rest.substring(q + 1);
            rest = rest.substring(0, q);
        }
        String path = "";
        int slash = rest.indexOf('/');
        if (slash >= 0) {
            path = decode(rest.substring(slash), "path", url);
            rest = rest.substring(0, slash);
        }
        Map<String, String> params = new LinkedHashMap<>();
        if (query != null && !query.isEmpty()) {
            for (String pair : query.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = decode(eq >= 0 ? pair.substring(0, eq) : pair, "parameter name", url);
                String value = eq >= 0 ? decode(pair.substring(eq + 1), "value of parameter " + name, url) : "";
                if (params.put(name, value) != null) {
                    throw new IllegalArgumentException("backend URL '" + redact(url) + "': parameter '" + name + "' given twice");
                }
            }
        }
        return new BackendUrl(scheme, user, password, rest, path, Collections.unmodifiableMap(params));
    }

    /** Percent-decodes one part; a bad escape names the part, never its text (it may be a secret). */
    private static String decode(String s, String part, String url) {
        try {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad percent-escape in the " + part + " of backend URL '"
                    + redact(url) + "' (write % as %25)");
        }
    }

    /** Parameter names whose values are secrets: refused with their value hidden, masked in messages. */
    static boolean isSecretParameter(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.contains("pass") || n.equals("pwd") || n.contains("secret") || n.contains("token") || n.equals("auth");
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
        // The last '@' anywhere, so an unencoded '?' or '#' in a password does not expose the rest
        // of it; unless a parameter (name=value) comes first: then the '@' is the parameter's.
        int at = url.lastIndexOf('@');
        if (at > sep && url.substring(sep + 3, at).indexOf('=') >= 0) {
            int qm = url.indexOf('?', sep + 3);
            at = url.lastIndexOf('@', qm < 0 ? url.length() : qm);
        }
        String result = url;
        if (at > sep) {
            String info = url.substring(sep + 3, at);
            int colon = info.indexOf(':');
            String masked = colon >= 0 && info.indexOf('?') < 0 && info.indexOf('#') < 0
                    ? info.substring(0, colon + 1) + "***" : "***";
            result = url.substring(0, sep + 3) + masked + url.substring(at);
        }
        return maskSecretParameters(result);
    }

    private static String maskSecretParameters(String url) {
        int q = url.indexOf('?');
        if (q < 0) {
            return url;
        }
        StringBuilder sb = new StringBuilder(url.substring(0, q + 1));
        String[] pairs = url.substring(q + 1).split("&", -1);
        for (int i = 0; i < pairs.length; i++) {
            if (i > 0) {
                sb.append('&');
            }
            int eq = pairs[i].indexOf('=');
            if (eq > 0 && isSecretParameter(pairs[i].substring(0, eq))) {
                sb.append(pairs[i], 0, eq + 1).append("***");
            } else {
                sb.append(pairs[i]);
            }
        }
        return sb.toString();
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
            if (!known.contains(name) && isSecretParameter(name)) {
                throw new IllegalArgumentException("parameter '" + name + "' is not accepted in " + scheme
                        + ":// URLs (its value is not shown): give a password as user-info,"
                        + " scheme://[user]:password@host");
            }
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
                sb.append(e.getKey()).append('=').append(isSecretParameter(e.getKey()) ? "***" : e.getValue());
            }
        }
        return sb.toString();
    }
}
