package io.cachetory.samples.boot;

import java.math.BigDecimal;
import java.time.Instant;

/** A stock quote as the slow upstream returns it. */
public record Quote(String ticker, BigDecimal price, Instant fetchedAt) {}
