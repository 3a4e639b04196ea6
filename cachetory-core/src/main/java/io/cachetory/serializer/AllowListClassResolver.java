package io.cachetory.serializer;

import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Registration;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.util.DefaultClassResolver;

/**
 * Refuses a class name outside the allow-list before Kryo loads it. {@code readName} hands every
 * class name it reads to {@link #getTypeByName(String)} before any {@code Class.forName}, so this is
 * the one place that sees the name first; a filtering class loader alone would be bypassed (Kryo
 * falls back to its own loader). Writing a class that could not be read back is refused too, so the
 * mistake shows at {@code set}, not at every later {@code get}. One per {@code Kryo}, not thread-safe.
 */
final class AllowListClassResolver extends DefaultClassResolver {
    private final AllowList allowList;

    AllowListClassResolver(AllowList allowList) {
        this.allowList = allowList;
    }

    @Override
    @SuppressWarnings("rawtypes")
    protected Class getTypeByName(String className) {
        if (!allowList.isAllowed(className)) {
            ClassTrail.refused();
            throw new KryoException(refusal(className));
        }
        return super.getTypeByName(className);
    }

    @Override
    protected Registration readName(Input input) {
        Registration registration = super.readName(input);
        ClassTrail.record(registration.getType());
        return registration;
    }

    @Override
    @SuppressWarnings("rawtypes")
    protected void writeName(Output output, Class type, Registration registration) {
        if (!allowList.isAllowed(type.getName())) {
            throw new KryoException(refusal(type.getName()));
        }
        super.writeName(output, type, registration);
        ClassTrail.record(registration.getType());
    }

    static String refusal(String className) {
        return "class " + className + " is not in the deserialization allow-list (allow it with the"
                + " serializer URL parameter allow=, the system property " + AllowList.SYSTEM_PROPERTY
                + " or AllowList.global().allow(...))";
    }
}
