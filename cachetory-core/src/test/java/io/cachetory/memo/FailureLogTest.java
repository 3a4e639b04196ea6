package io.cachetory.memo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** What memoization failures put in the log (the tests' SLF4J binding writes to standard error). */
class FailureLogTest {

    /** Code that may throw, run while standard error is captured. */
    interface Action {
        void run() throws Exception;
    }

    /** @return what {@code action} wrote to standard error (and so to the log) while it ran */
    static String captureLog(Action action) throws Exception {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    private static long linesContaining(String log, String text) {
        return Arrays.stream(log.split("\n")).filter(l -> l.contains(text)).count();
    }

    @Test
    void aFailureIsLoggedNamingTheCacheTheOperationAndTheCause() throws Exception {
        FailureLog failures = new FailureLog("quotes");

        String log = captureLog(() -> failures.failed("read", new IllegalStateException("server gone")));

        assertThat(log).contains("cache 'quotes': read failed, the call goes on without the cache")
                .contains("java.lang.IllegalStateException: server gone");
    }

    @Test
    void aKindOfFailureIsLoggedOnceAnIntervalAndOtherKindsStillAre() throws Exception {
        FailureLog failures = new FailureLog("rates");

        String log = captureLog(() -> {
            for (int i = 0; i < 50; i++) {
                failures.failed("read", new IllegalStateException("down " + i));
            }
            failures.failed("write", new IllegalStateException("down"));
            failures.failed("read", new IllegalArgumentException("another kind"));
        });

        assertThat(linesContaining(log, "cache 'rates': read failed")).isEqualTo(2); // one per exception class
        assertThat(linesContaining(log, "IllegalStateException: down ")).isEqualTo(1);
        assertThat(linesContaining(log, "cache 'rates': write failed")).isEqualTo(1);
    }
}
