package io.cachetory.benchmarks.startup;

import io.cachetory.annotations.Cached;

/**
 * The tiny {@code main} of the start-up timing that makes one memoized call: under the agent this
 * class is transformed and the call goes through the runtime (default cache, a miss); without the
 * agent it is a plain call.
 */
public class HelloCached {
    @Cached(prefix = "hello")
    public String greet(String name) {
        return "hello " + name;
    }

    public static void main(String[] args) {
        System.out.println(new HelloCached().greet("world"));
    }
}
