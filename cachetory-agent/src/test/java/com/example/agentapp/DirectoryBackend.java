package com.example.agentapp;

import io.cachetory.backend.Backend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A byte store that JVMs share through a directory, one file per key: what Redis is to a fleet, for
 * tests of entries shared between an agent JVM and a proxy JVM. Ignores ttls. Not for concurrent writers.
 */
public final class DirectoryBackend implements Backend<byte[]> {
    private final Path dir;

    public DirectoryBackend(Path dir) {
        this.dir = dir;
    }

    private Path file(String key) {
        return dir.resolve(URLEncoder.encode(key, StandardCharsets.UTF_8));
    }

    @Override
    public byte[] get(String key) {
        try {
            Path f = file(key);
            return Files.exists(f) ? Files.readAllBytes(f) : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Map<String, byte[]> getMany(Collection<String> keys) {
        Map<String, byte[]> found = new LinkedHashMap<>();
        for (String key : keys) {
            byte[] value = get(key);
            if (value != null) {
                found.put(key, value);
            }
        }
        return found;
    }

    @Override
    public boolean set(String key, byte[] value, Duration ttl, boolean ifNotExists) {
        if (ifNotExists && get(key) != null) {
            return false;
        }
        try {
            Files.write(file(key), value);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void setMany(Map<String, ? extends byte[]> items, Duration ttl) {
        items.forEach((k, v) -> set(k, v, ttl, false));
    }

    @Override
    public void expireIn(String key, Duration ttl) {}

    @Override
    public boolean delete(String key) {
        try {
            return Files.deleteIfExists(file(key));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void deleteMany(Collection<String> keys) {
        keys.forEach(this::delete);
    }

    @Override
    public void clear() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void clearPrefix(String prefix) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void close() {}
}
