package io.cachetory.serializer;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachetory.serializer.fixtures.Node;
import io.cachetory.serializer.fixtures.Price;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClassFingerprintTest {
    private static final String ITEM = "twin.Item";

    /** Fingerprint of {@code name} compiled from {@code source} alone (package twin). */
    private static long fp(String name, String source) {
        return ClassFingerprint.of(TwinCompiler.load(TwinCompiler.compile(Map.of(name, source)), name));
    }

    private static long fp(String name, Map<String, String> sources) {
        return ClassFingerprint.of(TwinCompiler.load(TwinCompiler.compile(sources), name));
    }

    private static String item(String body) {
        return "package twin; public class Item implements java.io.Serializable { " + body + " }";
    }

    @Test
    void sameSourceInAnotherLoaderHasTheSameFingerprint() {
        assertThat(fp(ITEM, item("int qty; String name;"))).isEqualTo(fp(ITEM, item("int qty; String name;")));
    }

    @Test
    void loadingAndFingerprintingOrderDoNotMatter() {
        Map<String, String> sources = Map.of(
                "twin.Basket", "package twin; public record Basket(java.util.List<Item> items, Item first) {}",
                ITEM, item("int qty;"));
        ClassLoader one = TwinCompiler.compile(sources);
        long basketFirst = ClassFingerprint.of(TwinCompiler.load(one, "twin.Basket"));
        long itemAfter = ClassFingerprint.of(TwinCompiler.load(one, ITEM));
        ClassLoader two = TwinCompiler.compile(sources);
        long itemFirst = ClassFingerprint.of(TwinCompiler.load(two, ITEM));
        long basketAfter = ClassFingerprint.of(TwinCompiler.load(two, "twin.Basket"));

        assertThat(basketAfter).isEqualTo(basketFirst);
        assertThat(itemFirst).isEqualTo(itemAfter);
    }

    @Test
    void fieldDeclarationOrderDoesNotMatter() {
        assertThat(fp(ITEM, item("int qty; String name;"))).isEqualTo(fp(ITEM, item("String name; int qty;")));
    }

    @Test
    void methodsStaticsTransientsAndConstructorsAreNotStructure() {
        long plain = fp(ITEM, item("int qty;"));
        long decorated = fp(ITEM, item("int qty; static int COUNT = 3; transient String cache;"
                + " public Item() {} public int qty() { return qty; } @Deprecated public String toString() { return \"i\"; }"));

        assertThat(decorated).isEqualTo(plain);
    }

    @Test
    void syntheticOuterReferenceIsNotStructure() {
        String inner = "package twin; public class Outer { public class In { int x; } }";
        String nested = "package twin; public class Outer { public static class In { int x; } void extra() {} }";

        assertThat(fp("twin.Outer$In", Map.of("twin.Outer", inner)))
                .isEqualTo(fp("twin.Outer$In", Map.of("twin.Outer", nested)));
    }

    @Test
    void fieldTypeChangeChangesTheFingerprint() {
        assertThat(fp(ITEM, item("int qty;"))).isNotEqualTo(fp(ITEM, item("String qty;")));
    }

    @Test
    void fieldRenameChangesTheFingerprint() {
        assertThat(fp(ITEM, item("int qty;"))).isNotEqualTo(fp(ITEM, item("int quantity;")));
    }

    @Test
    void fieldAddedChangesTheFingerprint() {
        assertThat(fp(ITEM, item("int qty;"))).isNotEqualTo(fp(ITEM, item("int qty; String note;")));
    }

    @Test
    void fieldRemovedChangesTheFingerprint() {
        assertThat(fp(ITEM, item("int qty; String note;"))).isNotEqualTo(fp(ITEM, item("String note;")));
    }

    @Test
    void superclassFieldIsStructure() {
        String sub = "package twin; public class Sub extends Base { int own; }";
        long before = fp("twin.Sub", Map.of("twin.Sub", sub, "twin.Base", "package twin; public class Base { int inherited; }"));
        long after = fp("twin.Sub", Map.of("twin.Sub", sub, "twin.Base", "package twin; public class Base { long inherited; }"));

        assertThat(after).isNotEqualTo(before);
    }

    @Test
    void recordComponentAddedChangesTheFingerprint() {
        assertThat(fp("twin.R", "package twin; public record R(int a) {}"))
                .isNotEqualTo(fp("twin.R", "package twin; public record R(int a, int b) {}"));
    }

    @Test
    void recordComponentOrderIsStructure() {
        assertThat(fp("twin.R", "package twin; public record R(int a, String b) {}"))
                .isNotEqualTo(fp("twin.R", "package twin; public record R(String b, int a) {}"));
    }

    @Test
    void recordMethodsAreNotStructure() {
        assertThat(fp("twin.R", "package twin; public record R(int a) {}"))
                .isEqualTo(fp("twin.R", "package twin; public record R(int a) { public int twice() { return 2 * a; } static int K = 1; }"));
    }

    @Test
    void enumConstantRemovedChangesTheFingerprint() {
        assertThat(fp("twin.E", "package twin; public enum E { A, B, C }"))
                .isNotEqualTo(fp("twin.E", "package twin; public enum E { A, B }"));
    }

    @Test
    void enumConstantOrderIsStructureButItsMethodsAreNot() {
        long abc = fp("twin.E", "package twin; public enum E { A, B, C }");

        assertThat(fp("twin.E", "package twin; public enum E { A, C, B }")).isNotEqualTo(abc);
        assertThat(fp("twin.E", "package twin; public enum E { A, B, C; public boolean first() { return this == A; } }"))
                .isEqualTo(abc);
    }

    @Test
    void nestedClassChangeInsideAGenericArgumentChangesTheOuterFingerprint() {
        String basket = "package twin; public record Basket(java.util.List<Item> items) {}";
        long before = fp("twin.Basket", Map.of("twin.Basket", basket, ITEM, item("int qty;")));
        long after = fp("twin.Basket", Map.of("twin.Basket", basket, ITEM, item("String qty;")));

        assertThat(after).isNotEqualTo(before);
    }

    @Test
    void nestedClassChangeInAMapValueChangesTheOuterFingerprint() {
        String stock = "package twin; public class Stock { java.util.Map<String, Item> byName; }";
        long before = fp("twin.Stock", Map.of("twin.Stock", stock, ITEM, item("int qty;")));
        long after = fp("twin.Stock", Map.of("twin.Stock", stock, ITEM, item("int qty; int reserved;")));

        assertThat(after).isNotEqualTo(before);
    }

    @Test
    void genericArgumentIsStructure() {
        assertThat(fp("twin.H", "package twin; public class H { java.util.List<String> names; }"))
                .isNotEqualTo(fp("twin.H", "package twin; public class H { java.util.List<Integer> names; }"));
    }

    @Test
    void cyclicClassesHaveAFingerprint() {
        Map<String, String> sources = Map.of(
                "twin.A", "package twin; public class A { B b; A self; java.util.List<A> children; }",
                "twin.B", "package twin; public class B { A a; }");
        long a = fp("twin.A", sources);

        assertThat(a).isEqualTo(fp("twin.A", sources)).isNotZero();
        assertThat(ClassFingerprint.of(Node.class)).isNotZero();
    }

    @Test
    void jdkClassesCountByNameOnly() {
        assertThat(ClassFingerprint.of(String.class)).isEqualTo(ClassFingerprint.JDK);
        assertThat(ClassFingerprint.of(ArrayList.class)).isEqualTo(ClassFingerprint.JDK);
        assertThat(ClassFingerprint.of(int[].class)).isEqualTo(ClassFingerprint.JDK);
        assertThat(ClassFingerprint.of(BigDecimal.class)).isEqualTo(ClassFingerprint.JDK);
        assertThat(ClassFingerprint.of(Price[].class)).isNotEqualTo(ClassFingerprint.JDK);
    }

    @Test
    void canonicalFormIsFixedSoEveryJvmAgrees() {
        // Fixed text and value: a change here changes every fingerprint and retires every entry.
        assertThat(ClassFingerprint.describe(Price.class))
                .isEqualTo("record io.cachetory.serializer.fixtures.Price(sku java.lang.String,amount java.math.BigDecimal,"
                        + "qty int,tags java.util.List<java.lang.String>,color enum io.cachetory.serializer.fixtures.Color{RED,GREEN})");
        assertThat(Long.toHexString(ClassFingerprint.of(Price.class))).isEqualTo(EXPECTED_PRICE);
    }

    private static final String EXPECTED_PRICE = "7d2783c11adde189";
}
