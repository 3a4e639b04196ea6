package com.example.agentapp;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * An application that also uses Mockito (its own, unrelocated Byte Buddy; the inline mock maker
 * retransforms the mocked class): mocks work, and real instances of the same class still memoize.
 */
public final class MockitoApp {
    public static void main(String[] args) {
        PriceService real = new PriceService();
        real.price("abc");

        PriceService mocked = mock(PriceService.class);
        when(mocked.price("abc")).thenReturn(42);
        int m1 = mocked.price("abc");
        int m2 = mocked.price("abc");
        verify(mocked, times(2)).price("abc");
        Facts.fact("mockValues", m1 + "," + m2);
        Facts.fact("bodyRunsAfterMock", PriceService.BODY.get());

        int r = real.price("abc");
        int r2 = new PriceService().price("abc");
        Facts.fact("realValues", r + "," + r2);
        Facts.fact("realBodyRuns", PriceService.BODY.get());
        Facts.fact("marked", Facts.marked(PriceService.class));
    }
}
