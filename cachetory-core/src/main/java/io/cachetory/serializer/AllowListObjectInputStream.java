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
    private final ReadBudget budget;

    /**
     * @param limit no array or reference count can exceed the size of the stream it was read from,
     *     so garbage announcing more is refused before the allocation
     */
    AllowListObjectInputStream(InputStream in, AllowList allowList, long limit) throws IOException {
        super(in);
        this.allowList = allowList;
        this.budget = new ReadBudget(limit);
        enableResolveObject(true);
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

    /**
     * Called once per object, when it is complete and before a container that holds it hashes it:
     * the budget sees the unfolded size of every collection, map, array and record in time.
     */
    @Override
    protected Object resolveObject(Object obj) {
        long children = 0;
        if (obj instanceof java.util.Collection<?> collection) {
            for (Object element : collection) {
                children = ReadBudget.saturatedAdd(children, budget.sizeOf(element));
            }
        } else if (obj instanceof java.util.Map<?, ?> map) {
            for (java.util.Map.Entry<?, ?> entry : map.entrySet()) {
                children = ReadBudget.saturatedAdd(children, budget.sizeOf(entry.getKey()));
                children = ReadBudget.saturatedAdd(children, budget.sizeOf(entry.getValue()));
            }
        } else if (obj instanceof Object[] array) {
            for (Object element : array) {
                children = ReadBudget.saturatedAdd(children, budget.sizeOf(element));
            }
        } else if (obj instanceof Record record) {
            for (Object component : RecordComponents.values(record)) {
                children = ReadBudget.saturatedAdd(children, budget.sizeOf(component));
            }
        } else if (obj instanceof java.util.Optional<?> optional && optional.isPresent()) {
            children = budget.sizeOf(optional.get());
        }
        budget.completed(obj, children);
        return obj;
    }

    @Override
    protected Class<?> resolveProxyClass(String[] interfaces) throws InvalidClassException {
        throw new InvalidClassException(String.join(",", interfaces), "dynamic proxies are never deserialized");
    }
}
