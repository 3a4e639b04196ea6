package io.cachetory.samples.boot;

import java.util.Map;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /quotes/{ticker}}, {@code GET /rates/{pair}}, {@code DELETE /rates/{pair}}, {@code GET /upstream-calls}. */
@RestController
public class SampleController {
    private final QuoteService quotes;
    private final RateService rates;

    public SampleController(QuoteService quotes, RateService rates) {
        this.quotes = quotes;
        this.rates = rates;
    }

    @GetMapping("/quotes/{ticker}")
    public Quote quote(@PathVariable String ticker) {
        return quotes.quote(ticker);
    }

    @GetMapping("/rates/{pair}")
    public Rate rate(@PathVariable String pair) {
        return rates.rate(pair);
    }

    @DeleteMapping("/rates/{pair}")
    public void forget(@PathVariable String pair) {
        rates.forget(pair);
    }

    @GetMapping("/upstream-calls")
    public Map<String, Integer> upstreamCalls() {
        return Map.of("quotes", quotes.upstreamCalls(), "rates", rates.upstreamCalls());
    }
}
