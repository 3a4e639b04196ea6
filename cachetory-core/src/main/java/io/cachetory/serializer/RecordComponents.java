package io.cachetory.serializer;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.RecordComponent;

/**
 * The component values of a record, through accessors looked up once per record class. A record
 * whose accessors cannot be reached (a non-exported package of a named module) reports no
 * components. Thread-safe.
 */
final class RecordComponents {
    private static final MethodHandle[] NONE = new MethodHandle[0];

    private static final ClassValue<MethodHandle[]> ACCESSORS = new ClassValue<>() {
        @Override
        protected MethodHandle[] computeValue(Class<?> type) {
            RecordComponent[] components = type.getRecordComponents();
            if (components == null) {
                return NONE;
            }
            MethodHandle[] handles = new MethodHandle[components.length];
            try {
                for (int i = 0; i < components.length; i++) {
                    var accessor = components[i].getAccessor();
                    accessor.setAccessible(true);
                    handles[i] = MethodHandles.lookup().unreflect(accessor);
                }
            } catch (ReflectiveOperationException | RuntimeException e) {
                return NONE;
            }
            return handles;
        }
    };

    private RecordComponents() {}

    static Object[] values(Record record) {
        MethodHandle[] accessors = ACCESSORS.get(record.getClass());
        Object[] values = new Object[accessors.length];
        for (int i = 0; i < accessors.length; i++) {
            try {
                values[i] = accessors[i].invoke(record);
            } catch (Throwable e) {
                values[i] = null;
            }
        }
        return values;
    }
}
