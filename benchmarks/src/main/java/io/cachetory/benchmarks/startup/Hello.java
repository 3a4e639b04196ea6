package io.cachetory.benchmarks.startup;

/** The tiny {@code main} of the start-up timing: no {@code @Cached} class at all. */
public final class Hello {
    private Hello() {}

    public static void main(String[] args) {
        System.out.println("hello");
    }
}
