package io.cachetory.backend;

import java.util.Set;

/**
 * Serves {@code memory://?max-size=N} and {@code dummy://}. Public only for {@link
 * java.util.ServiceLoader}; use {@link Backends}.
 */
public final class InProcessBackendProvider implements BackendProvider {
    @Override
    public Set<String> schemes() {
        return Set.of("memory", "dummy");
    }

    @Override
    @SuppressWarnings("unchecked")
    public <W> Backend<W> create(BackendUrl url) {
        switch (url.scheme()) {
            case "memory":
                url.requireOnly(Set.of("max-size"));
                requireNoLocation(url);
                return new MemoryBackend<>(maxSize(url));
            case "dummy":
                url.requireOnly(Set.of());
                requireNoLocation(url);
                return new DummyBackend<>();
            default:
                throw new IllegalArgumentException("unknown backend scheme '" + url.scheme() + "'");
        }
    }

    /** An in-process backend lives nowhere else: a host, credentials or path are a mistake, not ignored. */
    private static void requireNoLocation(BackendUrl url) {
        if (!url.authority().isEmpty() || !url.path().isEmpty() && !url.path().equals("/")
                || url.user() != null || url.password() != null) {
            throw new IllegalArgumentException(url.scheme() + ":// takes no host, credentials or path, only"
                    + " ?parameters: " + url);
        }
    }

    @Override
    public <W> AsyncBackend<W> createAsync(BackendUrl url) {
        return new CompletedAsyncBackend<>(create(url));
    }

    @Override
    public boolean storesBytes() {
        return false;
    }

    private static long maxSize(BackendUrl url) {
        String text = url.param("max-size");
        if (text == null) {
            return MemoryBackend.DEFAULT_MAX_SIZE;
        }
        long value;
        try {
            value = Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("parameter 'max-size' of " + url + " must be a positive integer, got '" + text + "'");
        }
        if (value <= 0) {
            throw new IllegalArgumentException("parameter 'max-size' of " + url + " must be a positive integer, got '" + text + "'");
        }
        return value;
    }
}
