package io.cachetory.samples.boot;

import java.math.BigDecimal;
import java.time.Instant;

/** An exchange rate as the slow upstream returns it. */
public record Rate(String pair, BigDecimal rate, Instant fetchedAt) {}
