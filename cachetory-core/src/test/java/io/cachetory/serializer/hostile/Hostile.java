package io.cachetory.serializer.hostile;

import java.io.Serializable;

/** Stands for a gadget: any code of it that runs counts. Never allowed by default. */
public class Hostile implements Serializable {
    private static final long serialVersionUID = 1L;

    static {
        HostileCounter.HOSTILE_RAN.incrementAndGet();
    }

    public String payload = "boom";

    public Hostile() {
        HostileCounter.HOSTILE_RAN.incrementAndGet();
    }

    private void readObject(java.io.ObjectInputStream in) throws java.io.IOException, ClassNotFoundException {
        HostileCounter.HOSTILE_RAN.incrementAndGet();
        in.defaultReadObject();
    }
}
