package io.cachetory.memo.declared;

import java.math.BigDecimal;

/** A value type that only a @Cached return type declaration allows Kryo to read. */
public record Quote(String ticker, BigDecimal price) {}
