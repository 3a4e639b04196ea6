package io.cachetory.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The near layer's rules on a fake clock: what it keeps, for how long, and what it refuses to keep. */
class NearLayerTest {
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private NearLayer layer;

    @BeforeEach
    void setUp() {
        layer = new NearLayer(10, Duration.ofSeconds(1), nanos::get);
        layer.streamArmed();
    }

    private long in(long ms) {
        return nanos.get() + TimeUnit.MILLISECONDS.toNanos(ms);
    }

    private void advance(long ms) {
        nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(ms));
    }

    private void keepRead(String key, Object value) {
        layer.keepRead(key, value, layer.stamp(key), in(60_000));
    }

    @Test
    void keepsAReadValueAndAnswersWithThatInstance() {
        Object value = new Object();
        keepRead("k", value);
        assertThat(layer.get("k")).isSameAs(value);
    }

    @Test
    void aReadWhoseReplyArrivesAfterAnInvalidationOfItsKeyIsNotKept() {
        NearLayer.Stamp sent = layer.stamp("k");
        layer.invalidate("k");
        layer.keepRead("k", "old", sent, in(60_000));
        assertThat(layer.get("k")).isNull();
    }

    @Test
    void aReadWhoseReplyArrivesAfterAFlushIsNotKept() {
        NearLayer.Stamp sent = layer.stamp("k");
        layer.invalidateAll();
        layer.keepRead("k", "old", sent, in(60_000));
        assertThat(layer.get("k")).isNull();
    }

    @Test
    void aReadSentBeforeTheStreamWasLostIsNotKeptEvenAfterReArming() {
        NearLayer.Stamp sent = layer.stamp("k");
        layer.streamLost();
        layer.streamArmed();
        layer.keepRead("k", "old", sent, in(60_000));
        assertThat(layer.get("k")).isNull();
    }

    @Test
    void losingTheStreamEmptiesTheLayerAndNothingIsKeptOrServedUntilReArmed() {
        keepRead("k", "v");
        layer.streamLost();
        assertThat(layer.get("k")).isNull();
        assertThat(layer.armed()).isFalse();
        assertThat(layer.stamp("k")).isNull();
        layer.keepRead("k", "v", null, in(60_000));
        layer.keepWritten("k", "v", layer.beforeWrite("k"), in(60_000));
        assertThat(layer.get("k")).isNull();
        layer.streamArmed();
        assertThat(layer.get("k")).as("re-arming starts from empty").isNull();
    }

    @Test
    void invalidatingOneKeyLeavesOthers() {
        keepRead("a", "1");
        keepRead("b", "2");
        layer.invalidate("a");
        assertThat(layer.get("a")).isNull();
        assertThat(layer.get("b")).isEqualTo("2");
    }

    @Test
    void anEntryNeverOutlivesItsRedisTtl() {
        layer.keepRead("k", "v", layer.stamp("k"), in(100));
        advance(99);
        assertThat(layer.get("k")).isEqualTo("v");
        advance(2);
        assertThat(layer.get("k")).isNull();
    }

    @Test
    void anEntryNeverOutlivesNearTtl() {
        layer.keepRead("k", "v", layer.stamp("k"), nanos.get() + NearLayer.ETERNAL);
        advance(999);
        assertThat(layer.get("k")).isEqualTo("v");
        advance(2);
        assertThat(layer.get("k")).isNull();
    }

    @Test
    void aReadWhoseTtlHasAlreadyRunOutIsNotKept() {
        NearLayer.Stamp sent = layer.stamp("k");
        long deadline = in(10);
        advance(20);
        layer.keepRead("k", "v", sent, deadline);
        assertThat(layer.get("k")).isNull();
    }

    @Test
    void aWrittenValueIsKeptUnlessTheKeyWasInvalidatedSinceTheWriteWasSent() {
        NearLayer.Stamp write = layer.beforeWrite("k");
        layer.keepWritten("k", "mine", write, in(60_000));
        assertThat(layer.get("k")).isEqualTo("mine");

        NearLayer.Stamp again = layer.beforeWrite("k");
        assertThat(layer.get("k")).as("dropped before the write is sent").isNull();
        layer.invalidate("k"); // another client's write after ours
        layer.keepWritten("k", "mine again", again, in(60_000));
        assertThat(layer.get("k")).isNull();
    }

    @Test
    void aReadInFlightDuringThisJvmsWriteNeverReplacesTheWrittenValue() {
        NearLayer.Stamp write = layer.beforeWrite("k");
        NearLayer.Stamp read = layer.stamp("k"); // sent after the write was begun: may answer the old value
        layer.keepWritten("k", "new", write, in(60_000));
        layer.keepRead("k", "old", read, in(60_000));
        assertThat(layer.get("k")).isEqualTo("new");
    }

    @Test
    void aReadKeptJustBeforeThisJvmsWriteIsReplacedByIt() {
        NearLayer.Stamp write = layer.beforeWrite("k");
        NearLayer.Stamp read = layer.stamp("k");
        layer.keepRead("k", "old", read, in(60_000));
        layer.keepWritten("k", "new", write, in(60_000));
        assertThat(layer.get("k")).isEqualTo("new");
    }

    @Test
    void holdsAtMostMaxEntries() {
        for (int i = 0; i < 100; i++) {
            keepRead("k" + i, i);
        }
        layer.cleanUp();
        assertThat(layer.size()).isLessThanOrEqualTo(10);
    }

    @Test
    void notArmedUntilTheStreamIsConfirmed() {
        NearLayer fresh = new NearLayer(10, Duration.ofSeconds(1), nanos::get);
        assertThat(fresh.armed()).isFalse();
        assertThat(fresh.stamp("k")).isNull();
        assertThat(fresh.get("k")).isNull();
    }

    /** A layer whose hits trust a lagging clock (here set by hand) for deadlines more than 1 s off. */
    private final AtomicLong lagging = new AtomicLong(nanos.get());
    private final AtomicLong exactReads = new AtomicLong();

    private NearLayer onLaggingClock() {
        NearLayer l = new NearLayer(10, Duration.ofMinutes(5), () -> {
            exactReads.incrementAndGet();
            return nanos.get();
        }, lagging::get, TimeUnit.SECONDS.toNanos(1));
        l.streamArmed();
        return l;
    }

    @Test
    void aHitFarFromItsDeadlineIsServedOnTheLaggingClockWithoutReadingTheExactOne() {
        NearLayer l = onLaggingClock();
        l.keepRead("k", "v", l.stamp("k"), in(60_000));
        exactReads.set(0);
        assertThat(l.get("k")).isEqualTo("v");
        assertThat(exactReads.get()).isZero();
    }

    @Test
    void aHitWithinTheTrustedWindowOfItsDeadlineIsCheckedOnTheExactClock() {
        NearLayer l = onLaggingClock();
        l.keepRead("k", "v", l.stamp("k"), in(1_500));
        advance(1_499);
        lagging.set(nanos.get() - TimeUnit.MILLISECONDS.toNanos(900)); // says 0.6 s are left: not trusted
        assertThat(l.get("k")).isEqualTo("v");
        advance(1);
        assertThat(l.get("k")).as("served past its deadline").isNull();
    }

    @Test
    void aLaggingClockNeverServesAnEntryPastItsRedisTtl() {
        NearLayer l = onLaggingClock();
        l.keepRead("k", "v", l.stamp("k"), in(100));
        advance(100);
        // the lagging clock still reads the time of the read: 100 ms left by it, inside the window
        assertThat(l.get("k")).isNull();
    }

    @Test
    void aLaggingClockNeverServesAnEntryPastNearTtl() {
        NearLayer l = new NearLayer(10, Duration.ofMillis(300), () -> nanos.get(), lagging::get, TimeUnit.SECONDS.toNanos(1));
        l.streamArmed();
        l.keepRead("k", "v", l.stamp("k"), in(60_000));
        advance(299);
        assertThat(l.get("k")).isEqualTo("v");
        advance(1);
        assertThat(l.get("k")).isNull();
    }

    @Test
    void anExpiredEntryIsDroppedWhenRead() {
        layer.keepRead("k", "v", layer.stamp("k"), in(100));
        advance(100);
        assertThat(layer.get("k")).isNull();
        layer.cleanUp();
        assertThat(layer.size()).isZero();
    }
}
