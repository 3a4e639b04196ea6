package io.cachetory.serializer.declared;

public record Rate(String currency, double value) {}
