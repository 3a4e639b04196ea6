package io.cachetory.serializer;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.cfg.MapperConfig;
import com.fasterxml.jackson.databind.jsontype.PolymorphicTypeValidator;

/**
 * Holds Jackson's polymorphic handling, where a user class opts into it with {@code @JsonTypeInfo},
 * to the same allow-list as the envelope's root class: a subtype named in the JSON is checked by
 * name before Jackson loads it. Default typing is never enabled; this only guards annotations.
 * Immutable and thread-safe.
 */
final class AllowListTypeValidator extends PolymorphicTypeValidator.Base {
    private static final long serialVersionUID = 1L;

    private final transient AllowList allowList;

    AllowListTypeValidator(AllowList allowList) {
        this.allowList = allowList;
    }

    @Override
    public Validity validateSubClassName(MapperConfig<?> config, JavaType baseType, String subClassName) {
        return validity(subClassName);
    }

    @Override
    public Validity validateSubType(MapperConfig<?> config, JavaType baseType, JavaType subType) {
        return validity(subType.getRawClass().getName());
    }

    private Validity validity(String className) {
        if (allowList.isAllowed(className)) {
            return Validity.ALLOWED;
        }
        ClassTrail.refused();
        return Validity.DENIED;
    }
}
