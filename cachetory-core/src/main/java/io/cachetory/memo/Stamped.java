package io.cachetory.memo;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.io.Serializable;

/**
 * What memoization stores for a method with {@code refresh} or {@code staleIfError}: the value with
 * the time it was written, so that any JVM reading the entry from any backend knows its age. Every
 * serializer's allow-list admits it (the value inside is checked as usual). Methods without those
 * options store their values bare. Immutable.
 *
 * @param writtenAtMillis when the value was stored, in milliseconds since the epoch (writer's clock)
 * @param value the stored value (the null marker for a cached {@code null})
 */
public record Stamped(long writtenAtMillis,
                      // JSON binds nested values by declared type: name the value's class so it comes back as itself
                      @JsonTypeInfo(use = JsonTypeInfo.Id.CLASS, include = JsonTypeInfo.As.WRAPPER_ARRAY) Object value)
        implements Serializable {
}
