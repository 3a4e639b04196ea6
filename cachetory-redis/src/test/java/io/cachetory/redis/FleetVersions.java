package io.cachetory.redis;

import io.cachetory.serializer.TwinCompiler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Two releases of one application, as sources compiled at test time: the classes of
 * {@code fleet.model} (its return types) differ between them the way real releases do, its
 * {@code Service} of {@code @Cached} methods is the same text in both. {@link FleetApp} drives either.
 */
final class FleetVersions {
    /** Every scenario: a {@code @Cached} method of {@code Service} with this name and prefix. */
    static final List<String> ALL = List.of("typeChanged", "fieldAdded", "fieldRemoved", "componentAdded",
            "constantRemoved", "nestedInList", "nestedInRecord", "polymorphic", "unchanged");
    /** Scenarios whose values {@code json://} refuses to write (each call runs its body; nothing is stored). */
    static final List<String> JSON_REFUSED = List.of("polymorphic");
    /** Scenarios whose classes are the same in both releases. */
    static final List<String> UNCHANGED = List.of("unchanged");

    private FleetVersions() {}

    /** Compiles release {@code version} (1 or 2) into a fresh directory, once per test JVM. */
    static synchronized Path compiled(int version) {
        return COMPILED.computeIfAbsent(version, v -> {
            try {
                Path dir = Files.createTempDirectory("cachetory-fleet-v" + v);
                dir.toFile().deleteOnExit();
                Map<String, String> sources = new LinkedHashMap<>(v == 1 ? v1() : v2());
                sources.put("fleet.model.Service", SERVICE);
                TwinCompiler.compileTo(dir, sources);
                return dir;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static final Map<Integer, Path> COMPILED = new java.util.HashMap<>();

    private static Map<String, String> v1() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("fleet.model.Item1", plain("Item1", "String id; int qty;", "i.id = id; i.qty = id.length();"));
        s.put("fleet.model.Item2", plain("Item2", "String id; int qty;", "i.id = id; i.qty = id.length();"));
        s.put("fleet.model.Item3", plain("Item3", "String id; int qty; String note;", "i.id = id; i.qty = id.length(); i.note = \"n\";"));
        s.put("fleet.model.Rec4", record("Rec4", "String id, int qty", "id, id.length()"));
        s.put("fleet.model.Size", "package fleet.model; public enum Size { S, M, L }");
        s.put("fleet.model.Item6", plain("Item6", "String id; int qty;", "i.id = id; i.qty = id.length();"));
        s.putAll(same());
        return s;
    }

    private static Map<String, String> v2() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("fleet.model.Item1", plain("Item1", "String id; String qty;", "i.id = id; i.qty = \"q\" + id.length();"));
        s.put("fleet.model.Item2", plain("Item2", "String id; int qty; String note;", "i.id = id; i.qty = id.length(); i.note = \"n\";"));
        s.put("fleet.model.Item3", plain("Item3", "String id; int qty;", "i.id = id; i.qty = id.length();"));
        s.put("fleet.model.Rec4", record("Rec4", "String id, int qty, String note", "id, id.length(), \"n\""));
        s.put("fleet.model.Size", "package fleet.model; public enum Size { S, M }");
        s.put("fleet.model.Item6", plain("Item6", "String id; String qty;", "i.id = id; i.qty = \"q\" + id.length();"));
        s.putAll(same());
        return s;
    }

    /** Classes whose source is the same in both releases (though some name classes that changed). */
    private static Map<String, String> same() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("fleet.model.Sized", record("Sized", "String id, Size size", "id, Size.S"));
        s.put("fleet.model.Basket6", "package fleet.model; public record Basket6(java.util.List<Item6> items)"
                + " implements java.io.Serializable { public static Basket6 of(String id) { return new Basket6(Item6.list(id)); } }");
        s.put("fleet.model.Holder", "package fleet.model; public class Holder implements java.io.Serializable {"
                + " private static final long serialVersionUID = 1L; public Object payload;"
                + " public static Holder of(String id) { Holder h = new Holder(); h.payload = Item1.of(id); return h; }"
                + " public boolean equals(Object o) { return o instanceof Holder && o.toString().equals(toString()); }"
                + " public int hashCode() { return toString().hashCode(); }"
                + " public String toString() { return \"Holder[\" + payload + \"]\"; } }");
        s.put("fleet.model.Same", record("Same", "String id, int qty", "id, id.length()"));
        return s;
    }

    /** A class with public fields, value equality by its text, serialVersionUID 1 (so Java serialization alone would not notice). */
    private static String plain(String name, String fields, String assignments) {
        StringBuilder text = new StringBuilder("\"" + name + "[\"");
        for (String field : fields.split(";")) {
            if (!field.isBlank()) {
                String fieldName = field.strip().split("\\s+")[1];
                text.append(" + \",").append(fieldName).append("=\" + ").append(fieldName);
            }
        }
        text.append(" + \"]\"");
        String extra = name.equals("Item6")
                ? " public static java.util.List<Item6> list(String id) { return new java.util.ArrayList<>(java.util.List.of(of(id), of(id + \"x\"))); }"
                : "";
        return "package fleet.model; public class " + name + " implements java.io.Serializable {"
                + " private static final long serialVersionUID = 1L; public " + fields.replace(";", "; public ").replaceAll("public $", "")
                + " public static " + name + " of(String id) { " + name + " i = new " + name + "(); " + assignments + " return i; }"
                + extra
                + " public boolean equals(Object o) { return o instanceof " + name + " && o.toString().equals(toString()); }"
                + " public int hashCode() { return toString().hashCode(); }"
                + " public String toString() { return " + text + "; } }";
    }

    private static String record(String name, String components, String arguments) {
        return "package fleet.model; public record " + name + "(" + components + ") implements java.io.Serializable {"
                + " public static " + name + " of(String id) { return new " + name + "(" + arguments + "); } }";
    }

    private static final String SERVICE = """
            package fleet.model;

            import io.cachetory.annotations.Cached;
            import java.util.List;
            import java.util.Map;
            import java.util.concurrent.ConcurrentHashMap;
            import java.util.concurrent.atomic.AtomicInteger;

            public class Service {
                public static final Map<String, AtomicInteger> RUNS = new ConcurrentHashMap<>();

                static void ran(String scenario) {
                    RUNS.computeIfAbsent(scenario, k -> new AtomicInteger()).incrementAndGet();
                }

                public static Object expected(String scenario, String id) {
                    return switch (scenario) {
                        case "typeChanged" -> Item1.of(id);
                        case "fieldAdded" -> Item2.of(id);
                        case "fieldRemoved" -> Item3.of(id);
                        case "componentAdded" -> Rec4.of(id);
                        case "constantRemoved" -> Sized.of(id);
                        case "nestedInList" -> Item6.list(id);
                        case "nestedInRecord" -> Basket6.of(id);
                        case "polymorphic" -> Holder.of(id);
                        case "unchanged" -> Same.of(id);
                        default -> throw new IllegalArgumentException(scenario);
                    };
                }

                @Cached(cache = "fleet", prefix = "typeChanged")
                public Item1 typeChanged(String id) { ran("typeChanged"); return Item1.of(id); }

                @Cached(cache = "fleet", prefix = "fieldAdded")
                public Item2 fieldAdded(String id) { ran("fieldAdded"); return Item2.of(id); }

                @Cached(cache = "fleet", prefix = "fieldRemoved")
                public Item3 fieldRemoved(String id) { ran("fieldRemoved"); return Item3.of(id); }

                @Cached(cache = "fleet", prefix = "componentAdded")
                public Rec4 componentAdded(String id) { ran("componentAdded"); return Rec4.of(id); }

                @Cached(cache = "fleet", prefix = "constantRemoved")
                public Sized constantRemoved(String id) { ran("constantRemoved"); return Sized.of(id); }

                @Cached(cache = "fleet", prefix = "nestedInList")
                public List<Item6> nestedInList(String id) { ran("nestedInList"); return Item6.list(id); }

                @Cached(cache = "fleet", prefix = "nestedInRecord")
                public Basket6 nestedInRecord(String id) { ran("nestedInRecord"); return Basket6.of(id); }

                @Cached(cache = "fleet", prefix = "polymorphic")
                public Holder polymorphic(String id) { ran("polymorphic"); return Holder.of(id); }

                @Cached(cache = "fleet", prefix = "unchanged")
                public Same unchanged(String id) { ran("unchanged"); return Same.of(id); }
            }
            """;
}
