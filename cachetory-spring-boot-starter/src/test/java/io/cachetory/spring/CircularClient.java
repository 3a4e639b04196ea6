package io.cachetory.spring;

import org.springframework.beans.factory.annotation.Autowired;

/** The other side of the circular reference with {@link CircularQuotes}. */
public class CircularClient {
    @Autowired
    CircularQuotes quotes;
}
