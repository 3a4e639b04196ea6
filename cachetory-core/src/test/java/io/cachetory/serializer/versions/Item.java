package io.cachetory.serializer.versions;

import java.io.Serializable;
import java.util.Objects;

/** This JVM's version of a class whose other versions the tests compile at run time. */
public class Item implements Serializable {
    private static final long serialVersionUID = 1L;
    public String name;
    public int qty;

    public Item() {}

    public Item(String name, int qty) {
        this.name = name;
        this.qty = qty;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Item i && Objects.equals(name, i.name) && qty == i.qty;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, qty);
    }

    @Override
    public String toString() {
        return "Item[" + name + ", " + qty + "]";
    }
}
