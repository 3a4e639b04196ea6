package io.cachetory.serializer;

import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectStreamClass;

/**
 * An {@link ObjectInputStream} that refuses a class outside the allow-list in
 * {@link #resolveClass(ObjectStreamClass)}, before loading it (an {@link ObjectInputFilter} alone
 * sees the class only after {@code resolveClass} has loaded it), refuses every dynamic proxy, and
 * bounds depth, references and array lengths with a filter. Not thread-safe: one per read.
 */
final class AllowListObjectInputStream extends ObjectInputStream {
    /** Java serialization recurses a few frames per level; beyond this a value is not sane. */
    static final int MAX_DEPTH = 1_000;

    private final AllowList allowList;

    /**
     * @param limit no array or reference count can exceed the size of the stream it was read from,
     *     so garbage announcing more is refused before the allocation
     */
    AllowListObjectInputStream(InputStream in, AllowList allowList, long limit) throws IOException {
        super(in);
        this.allowList = allowList;
        setObjectInputFilter(info -> {
            if (info.depth() > MAX_DEPTH || info.arrayLength() > limit || info.references() > limit) {
                ClassTrail.refused();
                return ObjectInputFilter.Status.REJECTED;
            }
            Class<?> type = info.serialClass();
            if (type != null && !allowList.isAllowed(type.getName())) {
                ClassTrail.refused();
                return ObjectInputFilter.Status.REJECTED;
            }
            return ObjectInputFilter.Status.UNDECIDED;
        });
    }

    @Override
    protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
        String name = desc.getName();
        if (!allowList.isAllowed(name)) {
            ClassTrail.refused();
            throw new InvalidClassException(name, AllowListClassResolver.refusal(name));
        }
        Class<?> type = super.resolveClass(desc);
        ClassTrail.record(type);
        return type;
    }

    @Override
    protected Class<?> resolveProxyClass(String[] interfaces) throws InvalidClassException {
        throw new InvalidClassException(String.join(",", interfaces), "dynamic proxies are never deserialized");
    }
}
