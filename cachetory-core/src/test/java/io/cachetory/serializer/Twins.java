package io.cachetory.serializer;

import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Other versions of the classes in {@code io.cachetory.serializer.versions}, compiled at test time,
 * each with a static {@code sample()} (a static method is not structure).
 */
public final class Twins {
    public static final String PACKAGE = "io.cachetory.serializer.versions";
    public static final String ALLOW = "?allow=" + PACKAGE;

    /** One compilation per version: compiling takes most of a second. */
    private static final Map<String, ClassLoader> LOADERS = new java.util.concurrent.ConcurrentHashMap<>();

    private Twins() {}

    /** {@code Item} as this JVM has it. */
    public static final String ITEM_SAME = "package " + PACKAGE + "; public class Item implements java.io.Serializable {"
            + " private static final long serialVersionUID = 1L; public String name; public int qty;"
            + " public static Item sample() { Item i = new Item(); i.name = \"a\"; i.qty = 2; return i; } }";

    /** {@code Item} with {@code String qty} in place of {@code int qty}. */
    public static final String ITEM_STRING_QTY = "package " + PACKAGE + "; public class Item implements java.io.Serializable {"
            + " private static final long serialVersionUID = 1L; public String name; public String qty;"
            + " public static Item sample() { Item i = new Item(); i.name = \"a\"; i.qty = \"2\"; return i; } }";

    public static final String BASKET = "package " + PACKAGE + "; public record Basket(java.util.List<Item> items)"
            + " implements java.io.Serializable { public static Basket sample() {"
            + " return new Basket(new java.util.ArrayList<>(java.util.List.of(Item.sample()))); } }";

    public static final String HOLDER = "package " + PACKAGE + "; public class Holder implements java.io.Serializable {"
            + " private static final long serialVersionUID = 1L; public Object payload;"
            + " public static Holder sample() { Holder h = new Holder(); h.payload = Item.sample(); return h; } }";

    /** The sample of {@code simpleName} from the twin classes compiled from {@code itemSource} and the others. */
    public static Object sample(String simpleName, String itemSource) {
        Map<String, String> sources = new LinkedHashMap<>();
        sources.put(PACKAGE + ".Item", itemSource);
        sources.put(PACKAGE + ".Basket", BASKET);
        sources.put(PACKAGE + ".Holder", HOLDER);
        try {
            ClassLoader loader = LOADERS.computeIfAbsent(itemSource, k -> TwinCompiler.compile(sources));
            Class<?> type = TwinCompiler.load(loader, PACKAGE + "." + simpleName);
            Method sample = type.getMethod("sample");
            return sample.invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
