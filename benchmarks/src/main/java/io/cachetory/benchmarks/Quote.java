package io.cachetory.benchmarks;

import java.math.BigDecimal;

/** The small value the Redis benchmark caches. */
public record Quote(String ticker, int day, BigDecimal open, BigDecimal close, long volume) implements java.io.Serializable {
    static Quote sample(String ticker, int day) {
        return new Quote(ticker, day, new BigDecimal("185.10"), new BigDecimal("187.42"), 48_213_900L);
    }
}
