package io.cachetory.memo;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachetory.annotations.CacheKey;
import io.cachetory.annotations.Cached;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The key writer specialised per method for simple parameter types writes, for every value, exactly
 * the key the general renderers write: the specialisation changes the cost of a key, never its bytes.
 */
class KeyWriterTest {
    enum Side { BUY, SELL, é_Ünïcode }

    /** Methods of every shape the writer specialises (and some it buffers). */
    static class Shapes {
        @Cached(prefix = "p") String s(String a) { return ""; }
        @Cached(prefix = "p") String i(int a) { return ""; }
        @Cached(prefix = "p") String boxedInt(Integer a) { return ""; }
        @Cached(prefix = "p") String bool(boolean a) { return ""; }
        @Cached(prefix = "p") String boxedBool(Boolean a) { return ""; }
        @Cached(prefix = "p") String ch(char a) { return ""; }
        @Cached(prefix = "p") String boxedChar(Character a) { return ""; }
        @Cached(prefix = "p") String side(Side a) { return ""; }
        @Cached(prefix = "p") String l(long a) { return ""; }
        @Cached(prefix = "p") String boxedLong(Long a) { return ""; }
        @Cached(prefix = "p") String sh(short a) { return ""; }
        @Cached(prefix = "p") String by(Byte a) { return ""; }
        @Cached(prefix = "p") String f(float a) { return ""; }
        @Cached(prefix = "p") String d(Double a) { return ""; }
        @Cached(prefix = "p:x\\y") String si(String a, int b) { return ""; }
        @Cached(prefix = "p") String is(int a, String b) { return ""; }
        @Cached(prefix = "p") String ii(Integer a, int b) { return ""; }
        @Cached(prefix = "p") String ss(String a, String b) { return ""; }
        @Cached(prefix = "p") String eb(Side a, boolean b) { return ""; }
        @Cached(prefix = "p") String sl(String a, long b) { return ""; }
        @Cached(prefix = "p") String sss(String a, String b, String c) { return ""; }
        @Cached(prefix = "p") String iss(int a, String b, Character c) { return ""; }
        @Cached(prefix = "p") String sis(String a, int b, Side c) { return ""; }
        @Cached(prefix = "p") String iis(int a, int b, String c) { return ""; }
        @Cached(prefix = "p") String ssi(String a, Boolean b, int c) { return ""; }
        @Cached(prefix = "p") String isi(int a, String b, int c) { return ""; }
        @Cached(prefix = "p") String sii(String a, int b, Integer c) { return ""; }
        @Cached(prefix = "p") String iii(int a, int b, int c) { return ""; }
        @Cached(prefix = "p") String sid(String a, int b, double c) { return ""; }
        @Cached(prefix = "p") String four(String a, int b, long c, char d) { return ""; }
        @Cached(prefix = "p") String five(String a, int b, String c, boolean d, Side e) { return ""; }
        @Cached(prefix = "p") String pickOne(int ignored, @CacheKey String a) { return ""; }
        @Cached(prefix = "p") String pickTwo(@CacheKey String a, long ignored, @CacheKey int b) { return ""; }
        @Cached(prefix = "p") String pickLast(String ignored, Object ignoredToo, @CacheKey int b) { return ""; }
        @Cached String unprefixed(String a, int b) { return ""; }
        // unboxed lanes: an int among one or two parameters (li, ls: a long, no lane)
        @Cached(prefix = "p") String li(long a, int b) { return ""; }
        @Cached(prefix = "p") String ls(long a, String b) { return ""; }
        @Cached(prefix = "p") String ib(int a, boolean b) { return ""; }
        @Cached(prefix = "p") String id(int a, double b) { return ""; }
        @Cached(prefix = "p") String ei(Side a, int b) { return ""; }
        @Cached(prefix = "p") String ci(char a, int b) { return ""; }
        @Cached(prefix = "p") String il(int a, long b) { return ""; }
        @Cached(prefix = "p") String is2(int a, Integer b) { return ""; }
        @Cached(prefix = "p") String fi(float a, int b) { return ""; }
        @Cached(prefix = "p") String pickInt(@CacheKey int a, String ignored) { return ""; }
        @Cached(prefix = "p") String pickSecondInt(String ignored, @CacheKey int b) { return ""; }
        @Cached(prefix = "p") String pickOfTwoLanes(int ignored, @CacheKey int b) { return ""; }
    }

    /** Names the classes of the arguments it is given: what a key maker sees through a lane. */
    public static final class ArgumentTypes implements io.cachetory.annotations.KeyMaker {
        @Override
        public String makeKey(Method method, Object[] args) {
            return java.util.Arrays.stream(args).map(a -> a.getClass().getSimpleName())
                    .collect(java.util.stream.Collectors.joining(","));
        }
    }

    static class WithoutWriter {
        @Cached(prefix = "p") String oi(Object a, int b) { return ""; }
    }

    static class MadeKeys {
        @Cached(keyMaker = ArgumentTypes.class) String one(int a) { return ""; }
        @Cached(keyMaker = ArgumentTypes.class) String two(int a, long b) { return ""; }
        @Cached(keyMaker = ArgumentTypes.class) String mixed(String a, int b) { return ""; }
    }

    private static final Map<Class<?>, Object[]> SAMPLES = Map.ofEntries(
            Map.entry(String.class, new Object[] {"AAPL", "", ":", "\\", "a:b", "a\\b", "\\:", "::", "x\\\\:",
                    "é", "日本:株", "😀", "\\N", "null", "with space", "1000", null}),
            Map.entry(int.class, new Object[] {0, 7, -1, 127, 128, -128, -129, 1000, Integer.MAX_VALUE, Integer.MIN_VALUE}),
            Map.entry(Integer.class, new Object[] {0, 128, -5, Integer.MIN_VALUE, null}),
            Map.entry(boolean.class, new Object[] {true, false}),
            Map.entry(Boolean.class, new Object[] {true, false, null}),
            Map.entry(char.class, new Object[] {'a', ':', '\\', ',', 'é', '\u2603', '\0', (char) 127, (char) 128}),
            Map.entry(Character.class, new Object[] {'Z', ':', '\\', '\uFFFF', null}),
            Map.entry(Side.class, new Object[] {Side.BUY, Side.SELL, Side.é_Ünïcode, null}),
            Map.entry(long.class, new Object[] {0L, -1L, 1L << 40, Long.MIN_VALUE, Long.MAX_VALUE}),
            Map.entry(Long.class, new Object[] {5L, -128L, null}),
            Map.entry(short.class, new Object[] {(short) 0, Short.MIN_VALUE, Short.MAX_VALUE}),
            Map.entry(Byte.class, new Object[] {(byte) -1, Byte.MIN_VALUE, null}),
            Map.entry(float.class, new Object[] {0f, -0f, 1.5f, Float.NaN, Float.MIN_VALUE, 1e10f, Float.NEGATIVE_INFINITY}),
            Map.entry(double.class, new Object[] {0d, -0d, 0.1, Double.NaN, Double.MAX_VALUE, 1e-300}),
            Map.entry(Double.class, new Object[] {2.5, Double.POSITIVE_INFINITY, null}),
            Map.entry(Object.class, new Object[] {"o", 1, null}));

    @Test
    void specialisedKeysEqualRenderedKeysForEveryCombinationOfSampleValues() {
        Random random = new Random(16);
        int compared = 0;
        for (Method method : Shapes.class.getDeclaredMethods()) {
            if (!method.isAnnotationPresent(Cached.class)) {
                continue;
            }
            KeyTemplate template = KeyTemplate.of(method);
            KeyTemplate tagged = template.withTag("v1");
            for (Object[] args : combinations(method.getParameterTypes(), random)) {
                assertSameKey(template, args);
                assertSameKey(tagged, args);
                assertSameLaneKey(method, template, args);
                assertSameLaneKey(method, tagged, args);
                compared++;
            }
        }
        assertThat(compared).isGreaterThan(5_000);
    }

    @Test
    void everySimpleShapeGetsASpecialisedWriter() {
        for (Method method : Shapes.class.getDeclaredMethods()) {
            if (method.isAnnotationPresent(Cached.class)) {
                assertThat(KeyTemplate.of(method).hasWriter()).as(method.getName()).isTrue();
            }
        }
    }

    @Test
    void aParameterOfAnotherTypeKeepsTheRenderers() {
        assertThat(KeyTemplate.of(KeyFixtures.method(KeyFixtures.Service.class, "object")).hasWriter()).isFalse();
        assertThat(KeyTemplate.of(KeyFixtures.method(KeyFixtures.Service.class, "values")).hasWriter()).isFalse();
        assertThat(KeyTemplate.of(KeyFixtures.method(KeyFixtures.Service.class, "all")).hasWriter()).isFalse();
    }

    @Test
    void theHitBenchmarkShapeWritesTheDocumentedKey() {
        KeyTemplate template = KeyTemplate.of(KeyFixtures.method(Shapes.class, "si"));
        assertThat(template.key("AAPL", 1000)).isEqualTo("p:x\\y:AAPL:1000");
        assertThat(template.key("A:B", -7)).isEqualTo("p:x\\y:A\\:B:-7");
        assertThat(template.key(null, 7)).isEqualTo("p:x\\y:\\N:7");
    }

    @Test
    void everyLaneShapeIsExercised() {
        java.util.Set<String> lanes = new java.util.TreeSet<>();
        for (Method method : Shapes.class.getDeclaredMethods()) {
            String lane = MemoBridge.laneEntry(method.getParameterTypes());
            if (method.isAnnotationPresent(Cached.class) && lane != null) {
                lanes.add(lane);
            }
        }
        assertThat(lanes).containsExactly("enterSiteI", "enterSiteII", "enterSiteIL", "enterSiteLI");
    }

    @Test
    void aLaneOfAMethodWithoutAWriterRendersTheKeyTheGeneralWay() {
        Method method = KeyFixtures.method(WithoutWriter.class, "oi");
        KeyTemplate template = KeyTemplate.of(method);
        assertThat(template.hasWriter()).isFalse();
        for (Object[] args : combinations(method.getParameterTypes(), new Random(16))) {
            assertSameLaneKey(method, template, args);
        }
    }

    @Test
    void aLaneHandsAKeyMakerTheBoxesOfTheDeclaredTypes() {
        KeyTemplate one = KeyTemplate.of(KeyFixtures.method(MadeKeys.class, "one"));
        KeyTemplate two = KeyTemplate.of(KeyFixtures.method(MadeKeys.class, "two"));
        KeyTemplate mixed = KeyTemplate.of(KeyFixtures.method(MadeKeys.class, "mixed"));

        assertThat(one.key(1000)).isEqualTo("Integer");
        assertThat(two.key(1000, (Object) 7L)).isEqualTo("Integer,Long");
        assertThat(mixed.key("x", 1000)).isEqualTo("String,Integer");
    }

    /** The key through the unboxed lane of the method's parameter types, when it has one, equals the rendered key. */
    private static void assertSameLaneKey(Method method, KeyTemplate template, Object[] args) {
        String lane = MemoBridge.laneEntry(method.getParameterTypes());
        if (lane == null) {
            return;
        }
        String expected = template.rendered(args);
        String why = template + " " + lane + " " + java.util.Arrays.toString(args);
        String viaLane = switch (lane) {
            case "enterSiteI" -> template.key((int) (Integer) args[0]);
            case "enterSiteLI" -> template.key(args[0], (int) (Integer) args[1]);
            case "enterSiteIL" -> template.key((int) (Integer) args[0], args[1]);
            case "enterSiteII" -> template.key((int) (Integer) args[0], (int) (Integer) args[1]);
            default -> throw new AssertionError(lane);
        };
        assertThat(viaLane).as(why).isEqualTo(expected);
    }

    private static void assertSameKey(KeyTemplate template, Object[] args) {
        String expected = template.rendered(args);
        String why = template + " " + java.util.Arrays.toString(args);
        assertThat(template.key(args)).as(why).isEqualTo(expected);
        switch (args.length) {
            case 1 -> assertThat(template.key(args[0])).as(why).isEqualTo(expected);
            case 2 -> assertThat(template.key(args[0], args[1])).as(why).isEqualTo(expected);
            case 3 -> assertThat(template.key(args[0], args[1], args[2])).as(why).isEqualTo(expected);
            default -> { }
        }
    }

    /** Every combination for up to two parameters; for more, every value of each parameter with random others. */
    private static List<Object[]> combinations(Class<?>[] types, Random random) {
        List<Object[]> out = new ArrayList<>();
        if (types.length <= 2) {
            product(types, 0, new Object[types.length], out);
            return out;
        }
        for (int p = 0; p < types.length; p++) {
            for (Object value : SAMPLES.get(types[p])) {
                for (int n = 0; n < 40; n++) {
                    Object[] args = new Object[types.length];
                    for (int q = 0; q < types.length; q++) {
                        Object[] samples = SAMPLES.get(types[q]);
                        args[q] = q == p ? value : samples[random.nextInt(samples.length)];
                    }
                    out.add(args);
                }
            }
        }
        return out;
    }

    private static void product(Class<?>[] types, int at, Object[] args, List<Object[]> out) {
        if (at == types.length) {
            out.add(args.clone());
            return;
        }
        for (Object value : SAMPLES.get(types[at])) {
            args[at] = value;
            product(types, at + 1, args, out);
        }
    }
}
