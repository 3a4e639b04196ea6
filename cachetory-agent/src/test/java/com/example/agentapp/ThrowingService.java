package com.example.agentapp;

import io.cachetory.annotations.Cached;

/** A @Cached body that throws: its stack trace must still point at the line of the throw. */
public class ThrowingService {
    /** The line of the {@code throw} below, recorded by the body itself. */
    public static volatile int throwLine;

    @Cached
    public String explode(String key) {
        IllegalStateException e = new IllegalStateException("boom " + key); throwLine = new Throwable().getStackTrace()[0].getLineNumber();
        throw e;
    }

    @Cached
    public static long explodeStatic(long value) {
        if (value > 0) {
            throw new IllegalArgumentException("static boom " + value);
        }
        return value;
    }
}
