package com.example.agentapp;

/** A tiny main that touches no @Cached class (start-up measurements, and "Byte Buddy stays unloaded"). */
public final class NoCachedMain {
    public static void main(String[] args) {
        Facts.fact("plain", new PlainService().echo("p"));
    }
}
