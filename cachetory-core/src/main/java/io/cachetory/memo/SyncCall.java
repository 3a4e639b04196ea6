package io.cachetory.memo;


/** A synchronous load in progress: on exit stores the result (fail-open) and releases waiters. */
final class SyncCall extends Call {
    private final Binding binding;
    private final String key;
    private final StorePolicy policy;
    private final Flight flight;
    private final boolean refresh;

    SyncCall(Binding binding, String key, StorePolicy policy, Flight flight, boolean refresh) {
        this.binding = binding;
        this.key = key;
        this.policy = policy;
        this.flight = flight;
        this.refresh = refresh;
    }

    @Override
    void exit(Object result, Throwable thrown) {
        try {
            if (thrown != null) {
                if (!refresh) {
                    binding.counters.loadFailures.increment();
                }
            } else {
                if (!refresh) {
                    binding.counters.loads.increment();
                }
                ReadThrough.store(binding, key, policy, result, refresh);
            }
        } catch (Throwable unexpected) {
            binding.log.failed("store", unexpected);
        } finally {
            if (flight != null) {
                binding.flights.remove(key, flight);
                flight.complete(result, thrown);
            }
        }
    }
}
