package io.cachetory.samples;

import java.math.BigDecimal;
import java.time.Instant;

/** An exchange rate as a remote service would answer it. */
public record Rate(String from, String to, BigDecimal value, Instant fetchedAt) {}
