package com.example.agentapp;

import java.util.List;

/** A return type with nested structure, the same class in every JVM of the shared-entries test. */
public record DeployedItem(String id, int qty, List<String> tags) {}
