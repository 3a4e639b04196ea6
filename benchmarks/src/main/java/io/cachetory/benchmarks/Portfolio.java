package io.cachetory.benchmarks;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A realistic cached value: a record holding a List of records, a Map and BigDecimals. */
public record Portfolio(String owner, List<Position> positions, Map<String, BigDecimal> lastPrices,
                        BigDecimal cash, BigDecimal total) implements java.io.Serializable {

    /** A portfolio of {@code n} positions, the same every time. */
    public static Portfolio sample(int n) {
        List<Position> positions = new ArrayList<>(n);
        Map<String, BigDecimal> prices = new LinkedHashMap<>();
        BigDecimal cash = new BigDecimal("10250.75");
        BigDecimal total = cash;
        for (int i = 0; i < n; i++) {
            String ticker = "TCK" + i;
            BigDecimal cost = BigDecimal.valueOf(1000 + i * 37L, 2);
            BigDecimal last = cost.multiply(new BigDecimal("1.0375")).setScale(4, RoundingMode.HALF_EVEN);
            long quantity = 10L * (i + 1);
            positions.add(new Position(ticker, quantity, cost));
            prices.put(ticker, last);
            total = total.add(last.multiply(BigDecimal.valueOf(quantity)));
        }
        return new Portfolio("account-42", positions, prices, cash, total);
    }
}
