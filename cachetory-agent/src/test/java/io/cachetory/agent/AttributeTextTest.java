package io.cachetory.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;
import org.junit.jupiter.api.Test;

/**
 * The attributes the fast path reads off the class file and hands to {@code MemoBridge.site(Class,
 * String, String)} are the ones the runtime would read through reflection, field for field, so that
 * an agent-instrumented method behaves as a proxied one without the JVM parsing its annotation.
 */
class AttributeTextTest {
    private static final String ATTRIBUTES = "io.cachetory.memo.CachedAttributes";

    @Test
    void everyAttributeTheAgentPassesReadsAsReflectionReadsIt() throws Exception {
        Map<String, String> texts = siteTexts(AsmInstrumenter.instrument(classFile(AttributesFixture.class)));

        assertThat(texts).containsKeys("bare", "everything");
        for (String name : new String[] {"bare", "everything"}) {
            Method method = method(name);
            assertSameFields(name, decode(texts.get(name), method), reflected(method));
        }
        assertThat(texts.get("everything")).as("@CacheKey parameters, and no other parameter annotation")
                .endsWith("@CacheKey:3:0,2");
    }

    @Test
    void attributesTooLongForAClassFileConstantAreLeftToReflection() throws Exception {
        Map<String, String> texts = siteTexts(AsmInstrumenter.instrument(classFile(AttributesFixture.class)));

        assertThat(texts).containsEntry("huge", null);
    }

    /** The method name → the attribute text its site call passes (null: the two-argument site). */
    private static Map<String, String> siteTexts(byte[] classFile) {
        Map<String, String> texts = new HashMap<>();
        new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                return new MethodVisitor(Opcodes.ASM9) {
                    private Object last;

                    @Override
                    public void visitLdcInsn(Object value) {
                        last = value;
                    }

                    @Override
                    public void visitMethodInsn(int opcode, String owner, String method, String desc, boolean itf) {
                        if (owner.equals(AsmInstrumenter.BRIDGE_INTERNAL) && method.equals("site")) {
                            texts.put(name, Type.getArgumentCount(desc) == 3 ? (String) last : null);
                        }
                    }
                };
            }
        }, 0);
        return texts;
    }

    private static Object decode(String text, Method method) throws Exception {
        Method decode = Class.forName(ATTRIBUTES).getDeclaredMethod("decode", String.class, Method.class);
        decode.setAccessible(true);
        return decode.invoke(null, text, method);
    }

    private static Object reflected(Method method) throws Exception {
        Method of = Class.forName(ATTRIBUTES).getDeclaredMethod("of", Method.class);
        of.setAccessible(true);
        return of.invoke(null, method);
    }

    private static void assertSameFields(String method, Object actual, Object expected) throws Exception {
        for (Field f : Class.forName(ATTRIBUTES).getDeclaredFields()) {
            if (!Modifier.isStatic(f.getModifiers())) {
                f.setAccessible(true);
                assertThat(Objects.deepEquals(f.get(actual), f.get(expected)))
                        .as("%s %s: %s vs %s", method, f.getName(), f.get(actual), f.get(expected)).isTrue();
            }
        }
    }

    private static Method method(String name) {
        for (Method m : AttributesFixture.class.getDeclaredMethods()) {
            if (m.getName().equals(name)) {
                return m;
            }
        }
        throw new AssertionError(name);
    }

    private static byte[] classFile(Class<?> type) throws Exception {
        try (InputStream in = type.getClassLoader().getResourceAsStream(type.getName().replace('.', '/') + ".class")) {
            return in.readAllBytes();
        }
    }
}
