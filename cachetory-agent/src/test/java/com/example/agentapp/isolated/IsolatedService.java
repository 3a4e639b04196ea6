package com.example.agentapp.isolated;

import io.cachetory.annotations.Cached;

/** Loaded by FailureApp through a class loader that cannot see cachetory-core. */
public class IsolatedService {
    @Cached
    public String hello(String name) {
        return "hello " + name;
    }
}
