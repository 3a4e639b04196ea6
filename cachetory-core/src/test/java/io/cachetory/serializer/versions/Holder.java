package io.cachetory.serializer.versions;

import java.io.Serializable;

/** Holds a value of any class: only its class name in the bytes says what it is. */
public class Holder implements Serializable {
    private static final long serialVersionUID = 1L;
    public Object payload;

    public Holder() {}

    public Holder(Object payload) {
        this.payload = payload;
    }
}
