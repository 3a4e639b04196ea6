package io.cachetory.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachetory.memo.MemoBridge;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Set;
import java.util.TreeSet;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;
import org.junit.jupiter.api.Test;

/**
 * The contract between the code the agent's fast path generates and the runtime: every call the
 * generated code makes to {@link MemoBridge} names a public static method that exists with exactly
 * that descriptor. A renamed or re-typed bridge method fails here, in a unit test, not only in a
 * forked JVM. (The Byte Buddy path's advice classes call the bridge from Java source, so the
 * compiler checks them.)
 */
class BridgeContractTest {

    @Test
    void everyBridgeCallTheFastPathEmitsExistsInTheRuntime() throws Exception {
        Set<String> emitted = new TreeSet<>();
        emitted.addAll(bridgeCalls(AsmInstrumenter.instrument(classFile(BridgeFixture.class.getName()))));
        emitted.addAll(bridgeCalls(AsmInstrumenter.instrument(classFile(AttributesFixture.class.getName()))));

        Set<String> provided = new TreeSet<>();
        for (Method method : MemoBridge.class.getMethods()) {
            if (Modifier.isStatic(method.getModifiers()) && method.getDeclaringClass() == MemoBridge.class) {
                provided.add(method.getName() + Type.getMethodDescriptor(method));
            }
        }

        assertThat(emitted).as("the fixtures exercise the whole fast path")
                .contains("site(Ljava/lang/Class;Ljava/lang/String;Ljava/lang/String;)Ljava/lang/Object;")
                .contains("site(Ljava/lang/Class;Ljava/lang/String;)Ljava/lang/Object;")
                .anyMatch(c -> c.startsWith("enterSite0("))
                .anyMatch(c -> c.startsWith("enterSite1("))
                .anyMatch(c -> c.startsWith("enterSite2("))
                .anyMatch(c -> c.startsWith("enterSite3("))
                .anyMatch(c -> c.startsWith("enterSiteI("))
                .anyMatch(c -> c.startsWith("enterSiteLI("))
                .anyMatch(c -> c.startsWith("enterSiteIL("))
                .anyMatch(c -> c.startsWith("enterSiteII("))
                .anyMatch(c -> c.startsWith("enterSite("))
                .anyMatch(c -> c.startsWith("isCall("))
                .anyMatch(c -> c.startsWith("unwrap("))
                .anyMatch(c -> c.startsWith("exit("));
        assertThat(provided).containsAll(emitted);
    }

    private static byte[] classFile(String className) throws Exception {
        try (InputStream in = BridgeContractTest.class.getClassLoader()
                .getResourceAsStream(className.replace('.', '/') + ".class")) {
            return in.readAllBytes();
        }
    }

    private static Set<String> bridgeCalls(byte[] classFile) {
        assertThat(classFile).isNotNull().isNotEqualTo(AsmInstrumenter.DECLINED);
        Set<String> calls = new TreeSet<>();
        new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitMethodInsn(int opcode, String owner, String method, String desc, boolean itf) {
                        if (owner.equals(AsmInstrumenter.BRIDGE_INTERNAL)) {
                            assertThat(opcode).isEqualTo(Opcodes.INVOKESTATIC);
                            calls.add(method + desc);
                        }
                    }
                };
            }
        }, 0);
        return calls;
    }

    /**
     * The proxies bind each method's site as a dynamically-computed constant whose bootstrap is
     * {@code MemoBridge.siteConstant}: it must keep the shape the JVM calls a condy bootstrap with
     * (lookup, name, type, then the signature) and answer what {@code site} answers.
     */
    @Test
    void theSiteBootstrapOfTheProxiesHasTheCondyShapeAndAnswersTheSite() throws Throwable {
        Method bootstrap = MemoBridge.class.getMethod("siteConstant", java.lang.invoke.MethodHandles.Lookup.class,
                String.class, Class.class, String.class);
        assertThat(Modifier.isStatic(bootstrap.getModifiers())).isTrue();
        assertThat(bootstrap.getReturnType()).isEqualTo(Object.class);

        String signature = "two(Ljava/lang/String;Ljava/lang/String;)Ljava/lang/String;";
        Object bound = bootstrap.invoke(null, java.lang.invoke.MethodHandles.privateLookupIn(BridgeFixture.class,
                java.lang.invoke.MethodHandles.lookup()), "cachetorySite", Object.class, signature);
        assertThat(bound).isNotNull().isSameAs(MemoBridge.site(BridgeFixture.class, signature));
        assertThat(bootstrap.invoke(null, java.lang.invoke.MethodHandles.privateLookupIn(BridgeFixture.class,
                java.lang.invoke.MethodHandles.lookup()), "cachetorySite", Object.class, "notCached()V")).isNull();
    }

    @Test
    void theAnnotationTheAgentLooksForByNameIsCached() {
        assertThat(AdviceInstrumenter.CACHED).isEqualTo(io.cachetory.annotations.Cached.class.getName());
        assertThat(CachedClassTransformer.CACHED_DESCRIPTOR)
                .isEqualTo(Type.getDescriptor(io.cachetory.annotations.Cached.class));
        assertThat(AsmInstrumenter.BRIDGE_INTERNAL).isEqualTo(Type.getInternalName(MemoBridge.class));
    }

    @Test
    void theBridgeTheTransformerFindsByNameHasTheMarkItCalls() throws Exception {
        assertThat(CachedClassTransformer.BRIDGE).isEqualTo(MemoBridge.class.getName());
        Method mark = MemoBridge.class.getMethod("markInstrumented", String.class);
        assertThat(Modifier.isStatic(mark.getModifiers())).isTrue();

        class Marked {}
        assertThat(io.cachetory.Cachetory.isInstrumented(Marked.class)).isFalse();
        mark.invoke(null, Marked.class.getName());
        assertThat(io.cachetory.Cachetory.isInstrumented(Marked.class)).isTrue();
    }
}
