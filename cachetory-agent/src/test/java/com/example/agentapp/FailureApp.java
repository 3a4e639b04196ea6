package com.example.agentapp;

import java.net.URL;
import java.net.URLClassLoader;

/**
 * A class the agent cannot instrument: its loader (a child of the platform loader holding only the
 * test classes) cannot see cachetory-core. The agent must say so in one line naming the class, leave
 * the class working (uncached), and the rest of the application unaffected.
 */
public final class FailureApp {
    public static void main(String[] args) throws Exception {
        URL testClasses = FailureApp.class.getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader isolated = new URLClassLoader(new URL[] {testClasses}, ClassLoader.getPlatformClassLoader())) {
            Class<?> type = Class.forName("com.example.agentapp.isolated.IsolatedService", true, isolated);
            Object service = type.getConstructor().newInstance();
            Facts.fact("isolated", type.getMethod("hello", String.class).invoke(service, "world"));
        }
        QuoteService svc = new QuoteService("EUR");
        Facts.fact("quote", svc.quote("A", 1));
        Facts.fact("markedQuoteService", Facts.marked(QuoteService.class));
    }
}
