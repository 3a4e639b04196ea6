package io.cachetory.serializer.hostile;

import java.io.Serializable;
import java.net.URLClassLoader;

/**
 * An allowed class whose static initializer fails in the test's own class loader (a broken
 * dependency, a missing resource): reading a value that names it must be a refusal, not an Error.
 * Its twin in an isolated {@link URLClassLoader} initializes fine, so a payload can be written.
 */
public class Brittle implements Serializable {
    private static final long serialVersionUID = 1L;

    static {
        if (!(Brittle.class.getClassLoader() instanceof URLClassLoader)) {
            throw new IllegalStateException("Brittle cannot initialize here");
        }
    }

    public String payload = "fragile";
}
