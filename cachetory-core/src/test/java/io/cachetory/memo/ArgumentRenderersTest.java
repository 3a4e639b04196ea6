package io.cachetory.memo;

import static io.cachetory.memo.KeyFixtures.args;
import static io.cachetory.memo.KeyFixtures.template;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cachetory.memo.KeyFixtures.Color;
import io.cachetory.memo.KeyFixtures.Money;
import io.cachetory.memo.KeyFixtures.Point;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ArgumentRenderersTest {

    private static String form(Object value) {
        StringBuilder sb = new StringBuilder();
        ArgumentRenderers.forObject("test argument").render(sb, value);
        return sb.toString();
    }

    private static String form(Class<?> declared, Object value) {
        StringBuilder sb = new StringBuilder();
        ArgumentRenderers.forParameter(declared, declared, "test parameter").render(sb, value);
        return sb.toString();
    }

    @Test
    void numbersBooleansAndCharsOfTheirDeclaredTypeUseStringValueOf() {
        assertThat(template("boxed").key(args(1, 2L, 'x', true, 1.5))).isEqualTo("p:1:2:x:true:1.5");
    }

    @Test
    void charsAreEscapedLikeStrings() {
        assertThat(form(char.class, ':')).isEqualTo("\\:");
        assertThat(form(Character.class, '\\')).isEqualTo("\\\\");
    }

    @Test
    void objectParameterTagsIntegersLongsAndLeavesStringsVerbatim() {
        KeyTemplate template = template("object");
        assertThat(template.key(args(1))).isEqualTo("p:\\i1");
        assertThat(template.key(args(1L))).isEqualTo("p:\\l1");
        assertThat(template.key(args("1"))).isEqualTo("p:1");
    }

    @Test
    void numberParameterTagsEachClass() {
        KeyTemplate template = template("number");
        assertThat(Set.of(template.key(args(1)), template.key(args(1L)), template.key(args((short) 1)),
                template.key(args((byte) 1)), template.key(args(1.0)), template.key(args(1.0f)),
                template.key(args(BigDecimal.ONE)), template.key(args(BigInteger.ONE)))).hasSize(8);
        assertThat(template.key(args(BigDecimal.ONE))).isEqualTo("p:\\Ljava.math.BigDecimal;1");
    }

    @Test
    void objectParameterTagsBooleansAndChars() {
        assertThat(form(true)).isEqualTo("\\ztrue");
        assertThat(form('c')).isEqualTo("\\cc");
        assertThat(form(':')).isEqualTo("\\c\\:");
    }

    @Test
    void enumsRenderByName() {
        assertThat(template("color").key(args(Color.RED))).isEqualTo("p:RED");
        assertThat(template("color").key(args(Color.GREEN))).isEqualTo("p:GREEN");
    }

    @Test
    void enumsUnderObjectAreTaggedByTheirEnumClass() {
        assertThat(form(Color.GREEN)).isEqualTo("\\Lio.cachetory.memo.KeyFixtures$Color;GREEN");
    }

    @Test
    void uuidTimeAndBigDecimalRenderByToStringEscaped() {
        UUID id = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
        assertThat(template("values").key(args(id, LocalDate.of(2024, 1, 31), new BigDecimal("1.50"))))
                .isEqualTo("p:123e4567-e89b-12d3-a456-426614174000:2024-01-31:1.50");
        assertThat(form(Instant.class, Instant.parse("2024-01-31T10:15:30Z"))).isEqualTo("2024-01-31T10\\:15\\:30Z");
        assertThat(form(Duration.class, Duration.ofMinutes(5))).isEqualTo("PT5M");
    }

    @Test
    void intArraysRenderByContent() {
        assertThat(template("ints").key(args((Object) new int[] {1, 2, 3}))).isEqualTo("p:\\[1,2,3]");
        assertThat(template("ints").key(args((Object) new int[] {1, 2, 3})))
                .isEqualTo(template("ints").key(args((Object) new int[] {1, 2, 3})));
    }

    @Test
    void stringArraysRenderByContentWithNestedEscaping() {
        assertThat(template("names").key(args((Object) new String[] {"a,b", "", null, "c]"})))
                .isEqualTo("p:\\[a\\,b,\\e,\\N,c\\]]");
    }

    @Test
    void objectArraysRenderByContentWithTags() {
        assertThat(template("anything").key(args((Object) new Object[] {1, "1", 1L}))).isEqualTo("p:\\[\\i1,1,\\l1]");
        assertThat(template("anything").key(args((Object) new Integer[] {1})))
                .isEqualTo(template("anything").key(args((Object) new Object[] {1})));
    }

    @Test
    void arraysUnderObjectAreTaggedByKind() {
        assertThat(form(new int[] {1})).isEqualTo("\\Lint[];\\[1]");
        assertThat(form(new long[] {1})).isEqualTo("\\Llong[];\\[1]");
        assertThat(form(new String[] {"a"})).isEqualTo("\\Ljava.lang.Object[];\\[a]");
    }

    @Test
    void listsKeepOrder() {
        assertThat(template("list").key(args(List.of("b", "a")))).isEqualTo("p:\\[b,a]");
        assertThat(template("list").key(args(List.of("a", "b")))).isEqualTo("p:\\[a,b]");
    }

    @Test
    void equalListsOfDifferentClassesShareTheKey() {
        assertThat(template("list").key(args(new ArrayList<>(List.of(1, 2)))))
                .isEqualTo(template("list").key(args(Arrays.asList(1, 2))));
    }

    @Test
    void setsRenderSortedWhateverTheirIterationOrder() {
        Set<String> small = new HashSet<>(4);
        Set<String> large = new HashSet<>(1024);
        Set<String> inserted = new LinkedHashSet<>();
        Set<String> reversed = new LinkedHashSet<>();
        List<String> values = List.of("pear", "apple", "fig", "kiwi", "a:b", "", "plum", "date");
        for (int i = 0; i < values.size(); i++) {
            small.add(values.get(i));
            large.add(values.get(values.size() - 1 - i));
            inserted.add(values.get(i));
            reversed.add(values.get(values.size() - 1 - i));
        }
        String expected = template("set").key(args(Set.copyOf(values)));
        assertThat(template("set").key(args(small))).isEqualTo(expected);
        assertThat(template("set").key(args(large))).isEqualTo(expected);
        assertThat(template("set").key(args(inserted))).isEqualTo(expected);
        assertThat(template("set").key(args(reversed))).isEqualTo(expected);
    }

    @Test
    void mapsRenderSortedWhateverTheirIterationOrder() {
        Map<String, Integer> inserted = new LinkedHashMap<>();
        Map<String, Integer> reversed = new LinkedHashMap<>();
        for (int i = 0; i < 20; i++) {
            inserted.put("k" + i, i);
            reversed.put("k" + (19 - i), 19 - i);
        }
        String expected = template("map").key(args(new TreeMap<>(inserted)));
        assertThat(template("map").key(args(inserted))).isEqualTo(expected);
        assertThat(template("map").key(args(reversed))).isEqualTo(expected);
        assertThat(template("map").key(args(new HashMap<>(reversed)))).isEqualTo(expected);
        assertThat(template("map").key(args(Map.copyOf(inserted)))).isEqualTo(expected);
    }

    @Test
    void setOfRendersAsAFixedStableString() {
        assertThat(template("set").key(args(Set.of("pear", "apple", "fig", 3, 10L))))
                .isEqualTo("p:\\{\\i3,\\l10,apple,fig,pear}");
    }

    @Test
    void mapOfRendersAsAFixedStableString() {
        assertThat(template("map").key(args(Map.of("b", 2, "a", List.of(1), "c:", Set.of()))))
                .isEqualTo("p:\\{a=\\[\\i1],b=\\i2,c\\:=\\{}}");
    }

    @Test
    void emptyMapDiffersFromEmptySet() {
        assertThat(form(Map.of())).isEqualTo("\\{=}");
        assertThat(form(Set.of())).isEqualTo("\\{}");
    }

    @Test
    void recordsRenderByComponents() {
        assertThat(template("point").key(args(new Point(1, "a:b")))).isEqualTo("p:\\[\\i1,a\\:b]");
        assertThat(form(new Point(1, ""))).isEqualTo("\\Lio.cachetory.memo.KeyFixtures$Point;\\[\\i1,\\e]");
    }

    @Test
    void optionalsRenderByContent() {
        assertThat(template("optional").key(args(Optional.of("x")))).isEqualTo("p:\\o[x]");
        assertThat(template("optional").key(args(Optional.empty()))).isEqualTo("p:\\o[]");
        assertThat(template("optional").key(args(Optional.of("")))).isEqualTo("p:\\o[\\e]");
    }

    @Test
    void overriddenToStringIsUsedEscaped() {
        assertThat(template("money").key(args(new Money("1:5")))).isEqualTo("p:1\\:5 EUR");
        assertThat(form(new Money("2"))).isEqualTo("\\Lio.cachetory.memo.KeyFixtures$Money;2 EUR");
    }

    @Test
    void identityObjectUnderObjectFailsNamingWhereAndClass() {
        assertThatThrownBy(() -> form(new Object() {}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("test argument")
                .hasMessageContaining("ArgumentRenderersTest$");
    }

    @Test
    void identityObjectNestedInACollectionFails() {
        assertThatThrownBy(() -> form(List.of(1, new Object())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("test argument")
                .hasMessageContaining("java.lang.Object");
    }

    @Test
    void finalIdentityDeclaredTypeFailsWhenChosen() {
        assertThatThrownBy(() -> ArgumentRenderers.forParameter(KeyFixtures.Opaque.class, KeyFixtures.Opaque.class,
                "com.example.S.m(Opaque) parameter 'o'"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("com.example.S.m(Opaque) parameter 'o'");
    }
}
