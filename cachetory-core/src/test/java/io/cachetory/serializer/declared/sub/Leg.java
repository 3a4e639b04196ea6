package io.cachetory.serializer.declared.sub;

public record Leg(String name) {}
