package io.cachetory.serializer.hostile;

import java.io.Serializable;

/** Same as {@link Hostile}, read with a serializer that allows it: proves the counting works. */
public class Control implements Serializable {
    private static final long serialVersionUID = 1L;

    static {
        HostileCounter.CONTROL_RAN.incrementAndGet();
    }

    public String payload = "fine";

    public Control() {
        HostileCounter.CONTROL_RAN.incrementAndGet();
    }
}
