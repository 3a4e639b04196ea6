package io.cachetory.benchmarks.startup;

import io.cachetory.Cachetory;

/**
 * The start-up cost without the agent but with the same memoized call through a Byte Buddy proxy
 * ({@code Cachetory.create}): separates what the agent adds from what cachetory's runtime and Byte
 * Buddy cost any memoized application.
 */
public final class HelloProxy {
    private HelloProxy() {}

    public static void main(String[] args) {
        System.out.println(Cachetory.create(HelloCached.class).greet("world"));
    }
}
