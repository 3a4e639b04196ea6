package io.cachetory.serializer.versions;

import java.io.Serializable;
import java.util.List;

/** Holds items through a generic argument: their structure is part of the basket's. */
public record Basket(List<Item> items) implements Serializable {}
