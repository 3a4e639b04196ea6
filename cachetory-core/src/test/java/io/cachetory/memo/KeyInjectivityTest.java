package io.cachetory.memo;

import static io.cachetory.memo.KeyFixtures.args;
import static io.cachetory.memo.KeyFixtures.show;
import static io.cachetory.memo.KeyFixtures.template;
import static org.assertj.core.api.Assertions.assertThat;

import io.cachetory.memo.KeyFixtures.Color;
import io.cachetory.memo.KeyFixtures.Point;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KeyInjectivityTest {

    @Test
    void nullDiffersFromTheStringsNullAndBackslashN() {
        KeyTemplate template = template("quote");
        assertThat(Set.of(template.key(args((Object) null)), template.key(args("null")), template.key(args("\\N"))))
                .hasSize(3);
    }

    @Test
    void colonMovedBetweenArgumentsGivesDifferentKeys() {
        KeyTemplate template = template("strings");
        assertThat(template.key(args("a:b", "c"))).isNotEqualTo(template.key(args("a", "b:c")));
    }

    @Test
    void trailingAndLeadingColonsGiveDifferentKeys() {
        KeyTemplate template = template("strings");
        assertThat(template.key(args("a:", "b"))).isNotEqualTo(template.key(args("a", ":b")));
    }

    @Test
    void objectParameterGivenOneAsIntLongAndStringGivesThreeKeys() {
        KeyTemplate template = template("object");
        assertThat(Set.of(template.key(args(1)), template.key(args(1L)), template.key(args("1")))).hasSize(3);
    }

    @Test
    void emptyListListOfEmptyStringAndNullDiffer() {
        KeyTemplate template = template("list");
        assertThat(Set.of(template.key(args(List.of())), template.key(args(List.of(""))),
                template.key(args((Object) null)), template.key(args(Arrays.asList((Object) null))),
                template.key(args(List.of(List.of()))))).hasSize(5);
    }

    @Test
    void separatorsInsideNestedStringsDoNotSplitElements() {
        KeyTemplate template = template("list");
        assertThat(template.key(args(List.of("a,b")))).isNotEqualTo(template.key(args(List.of("a", "b"))));
        assertThat(template.key(args(List.of("a]", "b")))).isNotEqualTo(template.key(args(List.of("a", "]b"))));
        assertThat(template.key(args(List.of(List.of("a"), "b"))))
                .isNotEqualTo(template.key(args(List.of("\\[a]", "b"))));
        KeyTemplate map = template("map");
        assertThat(map.key(args(Map.of("a=b", "c")))).isNotEqualTo(map.key(args(Map.of("a", "b=c"))));
    }

    @Test
    void stringsThatLookLikeTagsDifferFromTaggedValues() {
        KeyTemplate template = template("object");
        assertThat(template.key(args("\\i1"))).isNotEqualTo(template.key(args(1)));
        assertThat(template.key(args("\\[]"))).isNotEqualTo(template.key(args(List.of())));
        assertThat(template.key(args("[]"))).isNotEqualTo(template.key(args(List.of())));
    }

    @Test
    void randomArgumentListsWithEqualKeysAreEqual() {
        Random random = new Random(20240131L);
        KeyTemplate template = template("fuzz");
        Map<String, Object[]> seen = new HashMap<>();
        int collisions = 0;
        for (int i = 0; i < 50_000; i++) {
            Object[] args = {randomString(random), randomValue(random, 0), randomValue(random, 0)};
            String key = template.key(args);
            Object[] earlier = seen.putIfAbsent(key, args);
            if (earlier != null) {
                collisions++;
                assertThat(deepEqual(earlier, args))
                        .as("key %s from %s and %s", key, show(earlier), show(args))
                        .isTrue();
            }
        }
        // The alphabet is small enough that equal argument lists recur, so equal keys were exercised.
        assertThat(collisions).isPositive();
        assertThat(seen.size()).isGreaterThan(20_000);
    }

    @Test
    void allSmallValuesUnderObjectHaveDistinctForms() {
        // Exhaustive over a tiny universe: every string of up to three delimiter characters, and
        // lists, sets and maps built from the shorter ones, so near-misses such as ["a,a"] against
        // ["a","a"] are certain to be tried.
        String[] chars = {"a", ",", "]", "}", "=", "\\", ":", "[", "{"};
        List<String> strings = new ArrayList<>(List.of(""));
        List<String> last = List.of("");
        for (int length = 1; length <= 3; length++) {
            List<String> longer = new ArrayList<>();
            for (String prefix : last) for (String c : chars) longer.add(prefix + c);
            strings.addAll(longer);
            last = longer;
        }
        List<Object> atoms = new ArrayList<>();
        atoms.add(null);
        atoms.addAll(List.of(0, 1, 0L, 'a', ',', true, Color.RED, List.of(), Set.of(), Map.of(), Optional.empty()));
        for (String string : strings) if (string.length() <= 2) atoms.add(string);

        List<Object> universe = new ArrayList<>(atoms);
        universe.addAll(strings);
        for (Object a : atoms) {
            universe.add(Arrays.asList(a));
            universe.add(a == null ? Optional.empty() : Optional.of(a));
            universe.add(new Object[] {a});
            for (Object b : atoms) {
                universe.add(Arrays.asList(a, b));
                universe.add(Arrays.asList(Arrays.asList(a), b));
                universe.add(Arrays.asList(a, Arrays.asList(b)));
                universe.add(Arrays.asList(Arrays.asList(a, b)));
                Map<Object, Object> map = new HashMap<>();
                map.put(a, b);
                universe.add(map);
                Set<Object> set = new HashSet<>(Arrays.asList(a, b));
                universe.add(set);
                universe.add(Arrays.asList(new HashSet<>(Arrays.asList(a)), b));
                universe.add(Arrays.asList(new HashMap<>(Collections.singletonMap(a, a)), b));
                universe.add(Arrays.asList(set));
                universe.add(Arrays.asList(map));
            }
        }
        for (String string : strings) universe.add(Arrays.asList(string));
        for (String string : strings) universe.add(Set.of(string));

        KeyTemplate template = template("object");
        Map<String, Object> seen = new HashMap<>();
        for (Object value : universe) {
            String key = template.key(args(value));
            Object earlier = seen.putIfAbsent(key, value);
            if (earlier != null) {
                assertThat(deepEqual(earlier, value)).as("key %s from %s and %s", key,
                        show(args(earlier)), show(args(value))).isTrue();
            }
        }
        assertThat(seen.size()).isGreaterThan(10_000);
    }

    // Mostly the characters that delimit forms, so that near-miss renderings are common.
    private static final String[] COMMON = {":", "\\", ",", "]", "=", "a"};
    private static final String[] ALPHABET = {":", "\\", ",", "[", "]", "{", "}", "=", "N", "e", "i", "l", ";", "a"};

    private static String randomString(Random random) {
        int length = random.nextInt(4);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) {
            String[] from = random.nextInt(10) < 7 ? COMMON : ALPHABET;
            sb.append(from[random.nextInt(from.length)]);
        }
        return sb.toString();
    }

    private static Object randomValue(Random random, int depth) {
        int kind = random.nextInt(depth < 2 ? 16 : 8);
        switch (kind) {
            case 0: return null;
            case 1: case 2: return randomString(random);
            case 3: return random.nextInt(3);
            case 4: return (long) random.nextInt(3);
            case 5: return ALPHABET[random.nextInt(ALPHABET.length)].charAt(0);
            case 6: return random.nextBoolean() ? Color.RED : Color.GREEN;
            case 7: return random.nextBoolean();
            case 8: case 9: return randomList(random, depth);
            case 10: return new HashSet<>(randomList(random, depth));
            case 11: {
                Map<Object, Object> map = new HashMap<>();
                int size = random.nextInt(3);
                for (int i = 0; i < size; i++) map.put(randomValue(random, depth + 1), randomValue(random, depth + 1));
                return map;
            }
            case 12: {
                Object value = randomValue(random, depth + 1);
                return value == null ? Optional.empty() : Optional.of(value);
            }
            case 13: {
                int[] ints = new int[random.nextInt(3)];
                for (int i = 0; i < ints.length; i++) ints[i] = random.nextInt(3);
                return ints;
            }
            case 14: return randomList(random, depth).toArray();
            default: return new Point(random.nextInt(2), randomString(random));
        }
    }

    private static List<Object> randomList(Random random, int depth) {
        int size = random.nextInt(3);
        List<Object> list = new ArrayList<>(size);
        for (int i = 0; i < size; i++) list.add(randomValue(random, depth + 1));
        return list;
    }

    /** Equality of arguments: arrays by content, sets and maps as sets, whatever the nesting. */
    static boolean deepEqual(Object a, Object b) {
        if (a == b) return true;
        if (a == null || b == null) return false;
        if (a.getClass().isArray() && b.getClass().isArray()) {
            if (a.getClass().getComponentType().isPrimitive() || b.getClass().getComponentType().isPrimitive()) {
                return Objects.deepEquals(a, b);
            }
            int length = Array.getLength(a);
            if (length != Array.getLength(b)) return false;
            for (int i = 0; i < length; i++) {
                if (!deepEqual(Array.get(a, i), Array.get(b, i))) return false;
            }
            return true;
        }
        if (a instanceof List && b instanceof List) {
            List<?> x = (List<?>) a;
            List<?> y = (List<?>) b;
            if (x.size() != y.size()) return false;
            Iterator<?> i = x.iterator();
            Iterator<?> j = y.iterator();
            while (i.hasNext()) {
                if (!deepEqual(i.next(), j.next())) return false;
            }
            return true;
        }
        if (a instanceof Set && b instanceof Set) {
            return sameElements((Set<?>) a, (Set<?>) b);
        }
        if (a instanceof Map && b instanceof Map) {
            Map<?, ?> x = (Map<?, ?>) a;
            Map<?, ?> y = (Map<?, ?>) b;
            if (x.size() != y.size()) return false;
            outer:
            for (Map.Entry<?, ?> e : x.entrySet()) {
                for (Map.Entry<?, ?> f : y.entrySet()) {
                    if (deepEqual(e.getKey(), f.getKey()) && deepEqual(e.getValue(), f.getValue())) continue outer;
                }
                return false;
            }
            return true;
        }
        if (a instanceof Optional && b instanceof Optional) {
            return deepEqual(((Optional<?>) a).orElse(null), ((Optional<?>) b).orElse(null));
        }
        return a.equals(b);
    }

    private static boolean sameElements(Set<?> x, Set<?> y) {
        if (x.size() != y.size()) return false;
        outer:
        for (Object e : x) {
            for (Object f : y) {
                if (deepEqual(e, f)) continue outer;
            }
            return false;
        }
        return true;
    }
}
