package io.cachetory.memo;

/**
 * Appends the key form (README, "Keys") of one argument to a key being built. Chosen once per parameter
 * from its declared type, so a hit does no type dispatch it can avoid. Thread-safe and stateless.
 */
@FunctionalInterface
interface ArgumentRenderer {
    /**
     * @param sb the key so far
     * @param arg the argument, possibly null
     * @throws IllegalArgumentException when the runtime value has no stable key form (an identity
     *     object given to a parameter declared as a supertype); the message names the method and
     *     parameter
     */
    void render(StringBuilder sb, Object arg);
}
