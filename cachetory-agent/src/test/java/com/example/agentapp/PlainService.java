package com.example.agentapp;

/** No @Cached anywhere: the agent must leave it alone. */
public class PlainService {
    public String echo(String s) {
        return s;
    }
}
