package io.cachetory.benchmarks;

import java.math.BigDecimal;

/** One line of a {@link Portfolio}. */
public record Position(String ticker, long quantity, BigDecimal averageCost) implements java.io.Serializable {}
