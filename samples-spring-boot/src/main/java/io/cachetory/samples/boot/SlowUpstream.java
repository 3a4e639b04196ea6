package io.cachetory.samples.boot;

/** Stands for a remote call: a short pause, so a cache hit is visibly faster. */
final class SlowUpstream {
    private SlowUpstream() {}

    static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
