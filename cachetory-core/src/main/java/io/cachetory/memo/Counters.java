package io.cachetory.memo;

import io.cachetory.CacheStats;
import java.util.concurrent.atomic.LongAdder;

/** Memoization counters of one cache binding; striped so concurrent hits do not contend. */
final class Counters {
    final LongAdder hits = new LongAdder();
    final LongAdder misses = new LongAdder();
    final LongAdder loads = new LongAdder();
    final LongAdder loadFailures = new LongAdder();
    final LongAdder backendErrors = new LongAdder();
    final LongAdder staleServed = new LongAdder();

    CacheStats snapshot() {
        return new CacheStats(hits.sum(), misses.sum(), loads.sum(), loadFailures.sum(), backendErrors.sum(),
                staleServed.sum());
    }
}
