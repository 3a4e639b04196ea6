package io.cachetory.agent;

import java.util.HashMap;
import java.util.Map;
import net.bytebuddy.jar.asm.AnnotationVisitor;
import net.bytebuddy.jar.asm.Attribute;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;
import net.bytebuddy.jar.asm.TypePath;

/**
 * The fast path of the agent: instruments a class <em>while it is being defined</em> with plain ASM
 * (Byte Buddy's repackaged ASM core, relocated into the agent jar), so that Byte Buddy itself is never
 * loaded. Only ASM's reader/writer classes are used (about 30 classes), never Byte Buddy's type model.
 *
 * <p>Each concrete method {@code m} annotated {@code @Cached} is split in two:
 * <ul>
 *   <li>{@code m$cachetory$body}: the original code, byte for byte (frames, line numbers, local
 *       variables, try/catch blocks and code-level type annotations kept), in a {@code private synthetic}
 *       method with the same descriptor and staticness and no annotations;</li>
 *   <li>{@code m}: the original access flags, generic signature, exceptions, annotations, parameter
 *       annotations, type annotations and parameter names, with generated code that does what
 *       {@link CachedMethodAdvice} does:
 * <pre>{@code
 * Object site = $cachetory$siteK;                        // a static field per method, resolved once
 * if (site == null) $cachetory$siteK = site = MemoBridge.site(ThisClass.class, "m<descriptor>", "<attributes>");
 * Object entered = MemoBridge.enterSiteN(site, this-or-null, arg0, arg1, arg2);   // N ≤ 3
 *         (more parameters: MemoBridge.enterSite(site, this-or-null, new Object[] {args...}))
 * if (entered == null) return m$cachetory$body(args...);
 * if (!MemoBridge.isCall(entered)) return (R) MemoBridge.unwrap(entered);   // unboxed for primitives
 * R result;
 * try { result = m$cachetory$body(args...); }
 * catch (Throwable t) { MemoBridge.exit(entered, null, t); throw t; }
 * MemoBridge.exit(entered, result, null);
 * return result;
 * }</pre></li>
 * </ul>
 * {@code <attributes>} are the method's {@code @Cached} attributes and {@code @CacheKey} parameters as
 * this class reads them off the class file (the form {@code MemoBridge.site(Class, String, String)}
 * documents), so that the runtime parses no annotation through reflection: the first annotation a JVM
 * parses builds a dynamic proxy class, about 40 ms of start-up. Attributes beyond that form (none
 * javac writes today, or a text too long for a class-file constant) go to {@code MemoBridge.site(Class,
 * String)}, which reads them reflectively.
 *
 * <p>The class is written with {@code new ClassWriter(reader, 0)}: the constant pool is copied, methods
 * that are not touched are copied as raw bytes, and nothing is computed. In particular no stack map
 * frame is computed (that could load application classes through {@code getCommonSuperClass} inside
 * the transformer): the body keeps its original frames (its descriptor and staticness are the ones of
 * the original method, so its implicit first frame is the same), the generated code carries explicit
 * full frames and its max stack/locals are computed here.
 *
 * <p>Adding members is only allowed when a class is defined, or when a retransformation re-applies the
 * very same transformation (the JVM gives a retransformation-capable transformer the original class
 * file again, so the result is identical). Classes already loaded without it go through Byte Buddy's
 * {@link AdviceInstrumenter} instead. Anything this class does not handle (interfaces, class files
 * older than Java 5) is {@link #DECLINED}. The caller skips a class file that already has a
 * {@code $cachetory$body} method.
 */
final class AsmInstrumenter {
    static final String BODY_SUFFIX = "$cachetory$body";
    /** Static fields holding each memoized method's resolved site ({@code MemoBridge.site}); safe to
     * publish racily: the site's fields are final, and two threads resolving at once get equal sites. */
    static final String SITE_PREFIX = "$cachetory$site";
    static final String BRIDGE_INTERNAL = "io/cachetory/memo/MemoBridge";
    static final String CACHE_KEY_DESCRIPTOR = "Lio/cachetory/annotations/CacheKey;";
    /** The name under which the attribute text lists the {@code @CacheKey} parameters (as the runtime reads it). */
    static final String CACHE_KEY_PARAMETERS = "@CacheKey";
    /** Longer attribute texts (a prefix of thousands of chars) go through reflection instead. */
    private static final int MAX_ATTRIBUTES = 16_000;

    /** Answer of {@link #instrument}: the fast path does not handle this class; use Byte Buddy. */
    static final byte[] DECLINED = new byte[0];

    private static final int API = Opcodes.ASM9;
    private static final String OBJECT = "java/lang/Object";
    private static final String SITE_DESC = "(Ljava/lang/Class;Ljava/lang/String;)Ljava/lang/Object;";
    private static final String SITE_ATTRIBUTES_DESC = "(Ljava/lang/Class;Ljava/lang/String;Ljava/lang/String;)Ljava/lang/Object;";
    private static final String[] ENTER_SITE_N_DESC = {
        "(Ljava/lang/Object;Ljava/lang/Object;)Ljava/lang/Object;",
        "(Ljava/lang/Object;Ljava/lang/Object;Ljava/lang/Object;)Ljava/lang/Object;",
        "(Ljava/lang/Object;Ljava/lang/Object;Ljava/lang/Object;Ljava/lang/Object;)Ljava/lang/Object;",
        "(Ljava/lang/Object;Ljava/lang/Object;Ljava/lang/Object;Ljava/lang/Object;Ljava/lang/Object;)Ljava/lang/Object;"};
    private static final String ENTER_SITE_DESC = "(Ljava/lang/Object;Ljava/lang/Object;[Ljava/lang/Object;)Ljava/lang/Object;";
    private static final String IS_CALL_DESC = "(Ljava/lang/Object;)Z";
    private static final String UNWRAP_DESC = "(Ljava/lang/Object;)Ljava/lang/Object;";
    private static final String EXIT_DESC = "(Ljava/lang/Object;Ljava/lang/Object;Ljava/lang/Throwable;)V";

    private AsmInstrumenter() {}

    /**
     * @return the transformed class file; {@code null} if no concrete method carries {@code @Cached};
     *     {@link #DECLINED} if the fast path does not handle this class
     */
    static byte[] instrument(byte[] classFile) {
        ClassReader reader = new ClassReader(classFile);
        int major = reader.readUnsignedShort(6);
        if (major < Opcodes.V1_5 || (reader.getAccess() & (Opcodes.ACC_INTERFACE | Opcodes.ACC_MODULE)) != 0) {
            return DECLINED;
        }
        Finder finder = new Finder();
        reader.accept(finder, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        if (finder.cached.isEmpty()) {
            return null;
        }
        ClassWriter writer = new ClassWriter(reader, 0);
        reader.accept(new Splitter(writer, finder.cached, major >= Opcodes.V1_6), 0);
        return writer.toByteArray();
    }

    /**
     * Pass 1: the name + descriptor of every concrete method annotated {@code @Cached}
     * (runtime-visible), each with its attributes as {@code MemoBridge.site(Class, String, String)}
     * takes them, or {@code null} when they are beyond that form (the runtime then reads them
     * through reflection).
     */
    private static final class Finder extends ClassVisitor {
        final Map<String, String> cached = new HashMap<>();

        Finder() {
            super(API);
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
            if ((access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE | Opcodes.ACC_BRIDGE | Opcodes.ACC_SYNTHETIC)) != 0
                    || name.charAt(0) == '<') {
                return null;
            }
            String key = name + descriptor;
            return new AttributeReader(key, Type.getArgumentCount(descriptor), cached);
        }
    }

    /**
     * Reads one method's {@code @Cached} attributes and {@code @CacheKey} parameters into the text
     * form of {@code MemoBridge.site(Class, String, String)}: {@code <name>:<length>:<value>} per
     * attribute the class file states.
     */
    private static final class AttributeReader extends MethodVisitor {
        private final String key;
        private final int parameterCount;
        private final Map<String, String> found;
        private boolean annotated;
        /** The text so far; null once something is beyond the text form. */
        private StringBuilder text = new StringBuilder();
        private StringBuilder cacheKeys;

        AttributeReader(String key, int parameterCount, Map<String, String> found) {
            super(API);
            this.key = key;
            this.parameterCount = parameterCount;
            this.found = found;
        }

        @Override
        public AnnotationVisitor visitAnnotation(String annotation, boolean visible) {
            if (!visible || !CachedClassTransformer.CACHED_DESCRIPTOR.equals(annotation)) {
                return null;
            }
            annotated = true;
            return new AnnotationVisitor(API) {
                @Override
                public void visit(String name, Object value) {
                    if (value instanceof Type type) {
                        if (type.getSort() == Type.OBJECT) {
                            append(name, type.getClassName());
                        } else {
                            text = null;
                        }
                    } else if (value instanceof String || value instanceof Boolean) {
                        append(name, value.toString());
                    } else {
                        text = null;
                    }
                }

                @Override
                public void visitEnum(String name, String descriptor, String value) {
                    append(name, value);
                }

                @Override
                public AnnotationVisitor visitAnnotation(String name, String descriptor) {
                    text = null;
                    return null;
                }

                @Override
                public AnnotationVisitor visitArray(String name) {
                    text = null;
                    return null;
                }
            };
        }

        @Override
        public void visitAnnotableParameterCount(int count, boolean visible) {
            if (visible && count != parameterCount) {
                text = null; // indexes would not be the descriptor's: leave @CacheKey to reflection
            }
        }

        @Override
        public AnnotationVisitor visitParameterAnnotation(int parameter, String annotation, boolean visible) {
            if (visible && CACHE_KEY_DESCRIPTOR.equals(annotation)) {
                if (cacheKeys == null) {
                    cacheKeys = new StringBuilder();
                } else {
                    cacheKeys.append(',');
                }
                cacheKeys.append(parameter);
            }
            return null;
        }

        @Override
        public void visitEnd() {
            if (!annotated) {
                return;
            }
            if (text != null && cacheKeys != null) {
                append(CACHE_KEY_PARAMETERS, cacheKeys.toString());
            }
            // a class-file string constant holds at most 65535 bytes
            found.put(key, text == null || text.length() > MAX_ATTRIBUTES ? null : text.toString());
        }

        private void append(String name, String value) {
            if (text != null) {
                text.append(name).append(':').append(value.length()).append(':').append(value);
            }
        }
    }

    /** Pass 2: writes each {@code @Cached} method as a renamed body plus a generated memoizing method. */
    private static final class Splitter extends ClassVisitor {
        private final Map<String, String> cached;
        private int sites;
        private final boolean frames;
        private String owner;

        Splitter(ClassWriter writer, Map<String, String> cached, boolean frames) {
            super(API, writer);
            this.cached = cached;
            this.frames = frames;
        }

        @Override
        public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
            owner = name;
            super.visit(version, access, name, signature, superName, interfaces);
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
            if (!cached.containsKey(name + descriptor)) {
                return super.visitMethod(access, name, descriptor, signature, exceptions);
            }
            MethodVisitor memoizing = super.visitMethod(access, name, descriptor, signature, exceptions);
            int bodyAccess = Opcodes.ACC_PRIVATE | Opcodes.ACC_SYNTHETIC | (access & (Opcodes.ACC_STATIC | Opcodes.ACC_STRICT));
            MethodVisitor body = super.visitMethod(bodyAccess, name + BODY_SUFFIX, descriptor, signature, exceptions);
            String siteField = SITE_PREFIX + sites++;
            return new Split(body, memoizing, owner, access, name, descriptor, frames, siteField, cached.get(name + descriptor));
        }

        @Override
        public void visitEnd() {
            // one field per memoized method keeps its resolved site: no lookup per call
            for (int i = 0; i < sites; i++) {
                super.visitField(Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC,
                        SITE_PREFIX + i, "Ljava/lang/Object;", null, null).visitEnd();
            }
            super.visitEnd();
        }
    }

    /**
     * Receives the original method: what describes the method (annotations, parameters, non-code
     * attributes) goes to the generated method, the code goes to the renamed body; at the end the
     * generated method's code is written.
     */
    private static final class Split extends MethodVisitor {
        private final MethodVisitor memoizing;
        private final String owner;
        private final int access;
        private final String name;
        private final String descriptor;
        private final boolean frames;
        private int firstLine = -1;

        private final String siteField;
        private final String attributes;

        Split(MethodVisitor body, MethodVisitor memoizing, String owner, int access, String name, String descriptor, boolean frames,
              String siteField, String attributes) {
            super(API, body);
            this.siteField = siteField;
            this.attributes = attributes;
            this.memoizing = memoizing;
            this.owner = owner;
            this.access = access;
            this.name = name;
            this.descriptor = descriptor;
            this.frames = frames;
        }

        @Override
        public void visitParameter(String parameterName, int parameterAccess) {
            memoizing.visitParameter(parameterName, parameterAccess);
        }

        @Override
        public AnnotationVisitor visitAnnotationDefault() {
            return memoizing.visitAnnotationDefault();
        }

        @Override
        public AnnotationVisitor visitAnnotation(String annotation, boolean visible) {
            return memoizing.visitAnnotation(annotation, visible);
        }

        @Override
        public AnnotationVisitor visitTypeAnnotation(int typeRef, TypePath typePath, String annotation, boolean visible) {
            return memoizing.visitTypeAnnotation(typeRef, typePath, annotation, visible);
        }

        @Override
        public void visitAnnotableParameterCount(int parameterCount, boolean visible) {
            memoizing.visitAnnotableParameterCount(parameterCount, visible);
        }

        @Override
        public AnnotationVisitor visitParameterAnnotation(int parameter, String annotation, boolean visible) {
            return memoizing.visitParameterAnnotation(parameter, annotation, visible);
        }

        @Override
        public void visitAttribute(Attribute attribute) {
            memoizing.visitAttribute(attribute);
        }

        @Override
        public void visitLineNumber(int line, Label start) {
            if (firstLine < 0 || line < firstLine) {
                firstLine = line;
            }
            super.visitLineNumber(line, start);
        }

        @Override
        public void visitEnd() {
            super.visitEnd();
            new MemoizingCode(memoizing, owner, access, name, descriptor, frames, firstLine, siteField, attributes).write();
            memoizing.visitEnd();
        }
    }

    /** The code of the generated method (see the class comment), with explicit frames and maxs. */
    private static final class MemoizingCode {
        private final MethodVisitor mv;
        private final String owner;
        private final String name;
        private final String descriptor;
        private final boolean isStatic;
        private final boolean frames;
        private final int line;
        private final Type[] parameters;
        private final Type returnType;
        /** Frame locals on entry: the receiver and the parameters (long/double take one entry). */
        private final Object[] entryLocals;
        /** First free local slot after the receiver and the parameters. */
        private final int argumentSlots;

        private final String siteField;
        /** The method's {@code @Cached} attributes for {@code MemoBridge.site}, or null: read them reflectively. */
        private final String attributes;

        MemoizingCode(MethodVisitor mv, String owner, int access, String name, String descriptor, boolean frames, int line,
                      String siteField, String attributes) {
            this.siteField = siteField;
            this.attributes = attributes;
            this.mv = mv;
            this.owner = owner;
            this.name = name;
            this.descriptor = descriptor;
            this.isStatic = (access & Opcodes.ACC_STATIC) != 0;
            this.frames = frames;
            this.line = line;
            this.parameters = Type.getArgumentTypes(descriptor);
            this.returnType = Type.getReturnType(descriptor);
            Object[] locals = new Object[parameters.length + (isStatic ? 0 : 1)];
            int i = 0;
            int slots = 0;
            if (!isStatic) {
                locals[i++] = owner;
                slots++;
            }
            for (Type parameter : parameters) {
                locals[i++] = frameType(parameter);
                slots += parameter.getSize();
            }
            this.entryLocals = locals;
            this.argumentSlots = slots;
        }

        void write() {
            int entered = argumentSlots;      // Object: what MemoBridge.enter answered
            int scratch = argumentSlots + 1;  // the result, or the Throwable in the handler
            Object[] withEntered = append(entryLocals, OBJECT);
            Label start = new Label();
            Label enteredNonNull = new Label();
            Label call = new Label();
            Label tryStart = new Label();
            Label tryEnd = new Label();
            Label handler = new Label();

            mv.visitCode();
            mv.visitTryCatchBlock(tryStart, tryEnd, handler, "java/lang/Throwable");
            mv.visitLabel(start);
            if (line > 0) {
                mv.visitLineNumber(line, start);
            }
            // Object site = $cachetory$siteK; if (site == null) $cachetory$siteK = site = MemoBridge.site(Owner.class, "name(desc)");
            Label haveSite = new Label();
            mv.visitFieldInsn(Opcodes.GETSTATIC, owner, siteField, "L" + OBJECT + ";");
            mv.visitInsn(Opcodes.DUP);
            mv.visitJumpInsn(Opcodes.IFNONNULL, haveSite);
            mv.visitInsn(Opcodes.POP);
            mv.visitLdcInsn(Type.getObjectType(owner));
            mv.visitLdcInsn(name + descriptor);
            if (attributes != null) {
                // the attributes as read here: the runtime parses no annotation (a JVM's first costs ~40 ms)
                mv.visitLdcInsn(attributes);
                mv.visitMethodInsn(Opcodes.INVOKESTATIC, BRIDGE_INTERNAL, "site", SITE_ATTRIBUTES_DESC, false);
            } else {
                mv.visitMethodInsn(Opcodes.INVOKESTATIC, BRIDGE_INTERNAL, "site", SITE_DESC, false);
            }
            mv.visitInsn(Opcodes.DUP);
            mv.visitFieldInsn(Opcodes.PUTSTATIC, owner, siteField, "L" + OBJECT + ";");
            mv.visitLabel(haveSite);
            if (frames) {
                mv.visitFrame(Opcodes.F_FULL, entryLocals.length, entryLocals, 1, new Object[] {OBJECT});
            }
            // Object entered = MemoBridge.enterSiteN(site, this|null, args...);   (N ≤ 3; more: an array)
            if (isStatic) {
                mv.visitInsn(Opcodes.ACONST_NULL);
            } else {
                mv.visitVarInsn(Opcodes.ALOAD, 0);
            }
            int slot = isStatic ? 0 : 1;
            String lane = laneEntry(parameters);
            if (lane != null) {
                // one or two parameters with an int among them: that one goes unboxed, so a hit
                // allocates no Integer (MemoBridge.enterSiteI/LI/IL/II)
                StringBuilder desc = new StringBuilder("(Ljava/lang/Object;Ljava/lang/Object;");
                for (Type parameter : parameters) {
                    mv.visitVarInsn(parameter.getOpcode(Opcodes.ILOAD), slot);
                    if (isLane(parameter)) {
                        desc.append('I');
                    } else {
                        box(parameter);
                        desc.append("Ljava/lang/Object;");
                    }
                    slot += parameter.getSize();
                }
                mv.visitMethodInsn(Opcodes.INVOKESTATIC, BRIDGE_INTERNAL, lane, desc.append(")Ljava/lang/Object;").toString(), false);
            } else if (parameters.length <= 3) {
                // up to three arguments go one by one: a hit allocates no array
                for (Type parameter : parameters) {
                    mv.visitVarInsn(parameter.getOpcode(Opcodes.ILOAD), slot);
                    box(parameter);
                    slot += parameter.getSize();
                }
                mv.visitMethodInsn(Opcodes.INVOKESTATIC, BRIDGE_INTERNAL, "enterSite" + parameters.length,
                        ENTER_SITE_N_DESC[parameters.length], false);
            } else {
                pushInt(parameters.length);
                mv.visitTypeInsn(Opcodes.ANEWARRAY, OBJECT);
                for (int i = 0; i < parameters.length; i++) {
                    mv.visitInsn(Opcodes.DUP);
                    pushInt(i);
                    mv.visitVarInsn(parameters[i].getOpcode(Opcodes.ILOAD), slot);
                    box(parameters[i]);
                    mv.visitInsn(Opcodes.AASTORE);
                    slot += parameters[i].getSize();
                }
                mv.visitMethodInsn(Opcodes.INVOKESTATIC, BRIDGE_INTERNAL, "enterSite", ENTER_SITE_DESC, false);
            }
            mv.visitVarInsn(Opcodes.ASTORE, entered);

            // if (entered == null) return body(...);   (no cache: e.g. the re-invocation of a future's body)
            mv.visitVarInsn(Opcodes.ALOAD, entered);
            mv.visitJumpInsn(Opcodes.IFNONNULL, enteredNonNull);
            invokeBody();
            mv.visitInsn(returnType.getOpcode(Opcodes.IRETURN));

            // if (!MemoBridge.isCall(entered)) return (R) MemoBridge.unwrap(entered);   (a hit, or purge)
            mv.visitLabel(enteredNonNull);
            frame(withEntered);
            mv.visitVarInsn(Opcodes.ALOAD, entered);
            mv.visitMethodInsn(Opcodes.INVOKESTATIC, BRIDGE_INTERNAL, "isCall", IS_CALL_DESC, false);
            mv.visitJumpInsn(Opcodes.IFNE, call);
            mv.visitVarInsn(Opcodes.ALOAD, entered);
            mv.visitMethodInsn(Opcodes.INVOKESTATIC, BRIDGE_INTERNAL, "unwrap", UNWRAP_DESC, false);
            unboxOrCast(returnType);
            mv.visitInsn(returnType.getOpcode(Opcodes.IRETURN));

            // try { result = body(...); } catch (Throwable t) { MemoBridge.exit(entered, null, t); throw t; }
            mv.visitLabel(call);
            frame(withEntered);
            mv.visitLabel(tryStart);
            invokeBody();
            mv.visitLabel(tryEnd);
            // MemoBridge.exit(entered, result, null); return result;
            if (returnType.getSort() == Type.VOID) {
                mv.visitVarInsn(Opcodes.ALOAD, entered);
                mv.visitInsn(Opcodes.ACONST_NULL);
                mv.visitInsn(Opcodes.ACONST_NULL);
                mv.visitMethodInsn(Opcodes.INVOKESTATIC, BRIDGE_INTERNAL, "exit", EXIT_DESC, false);
                mv.visitInsn(Opcodes.RETURN);
            } else {
                mv.visitVarInsn(returnType.getOpcode(Opcodes.ISTORE), scratch);
                mv.visitVarInsn(Opcodes.ALOAD, entered);
                mv.visitVarInsn(returnType.getOpcode(Opcodes.ILOAD), scratch);
                box(returnType);
                mv.visitInsn(Opcodes.ACONST_NULL);
                mv.visitMethodInsn(Opcodes.INVOKESTATIC, BRIDGE_INTERNAL, "exit", EXIT_DESC, false);
                mv.visitVarInsn(returnType.getOpcode(Opcodes.ILOAD), scratch);
                mv.visitInsn(returnType.getOpcode(Opcodes.IRETURN));
            }

            mv.visitLabel(handler);
            if (frames) {
                mv.visitFrame(Opcodes.F_FULL, withEntered.length, withEntered, 1, new Object[] {"java/lang/Throwable"});
            }
            mv.visitVarInsn(Opcodes.ASTORE, scratch);
            mv.visitVarInsn(Opcodes.ALOAD, entered);
            mv.visitInsn(Opcodes.ACONST_NULL);
            mv.visitVarInsn(Opcodes.ALOAD, scratch);
            mv.visitMethodInsn(Opcodes.INVOKESTATIC, BRIDGE_INTERNAL, "exit", EXIT_DESC, false);
            mv.visitVarInsn(Opcodes.ALOAD, scratch);
            mv.visitInsn(Opcodes.ATHROW);

            // Stack: the enter call peaks at site, self, array, array, index, value (<= 2 slots) = 7 (an
            // unboxed lane: site, self, two ints = 4);
            // the body call needs the receiver and the arguments; exit needs 3 (a boxed long/double: 1 + 2).
            int maxStack = Math.max(8, argumentSlots + Math.max(0, returnType.getSize()));
            int maxLocals = argumentSlots + 1 + 2;
            mv.visitMaxs(maxStack, maxLocals);
        }

        private void invokeBody() {
            int slot = 0;
            if (!isStatic) {
                mv.visitVarInsn(Opcodes.ALOAD, 0);
                slot = 1;
            }
            for (Type parameter : parameters) {
                mv.visitVarInsn(parameter.getOpcode(Opcodes.ILOAD), slot);
                slot += parameter.getSize();
            }
            mv.visitMethodInsn(isStatic ? Opcodes.INVOKESTATIC : Opcodes.INVOKESPECIAL, owner, name + BODY_SUFFIX, descriptor, false);
        }

        private void frame(Object[] locals) {
            if (frames) {
                mv.visitFrame(Opcodes.F_FULL, locals.length, locals, 0, new Object[0]);
            }
        }

        private void pushInt(int value) {
            if (value <= 5) {
                mv.visitInsn(Opcodes.ICONST_0 + value);
            } else if (value <= Byte.MAX_VALUE) {
                mv.visitIntInsn(Opcodes.BIPUSH, value);
            } else {
                mv.visitIntInsn(Opcodes.SIPUSH, value); // a method has at most 255 parameters
            }
        }

        /** Whether a parameter goes to the bridge unboxed: an int. */
        private static boolean isLane(Type type) {
            return type.getSort() == Type.INT;
        }

        /** The bridge's unboxed entry for these parameters (as {@code MemoBridge.laneEntry}), or {@code null}. */
        private static String laneEntry(Type[] parameters) {
            if (parameters.length == 0 || parameters.length > 2) {
                return null;
            }
            StringBuilder name = new StringBuilder("enterSite");
            boolean any = false;
            for (Type parameter : parameters) {
                boolean lane = isLane(parameter);
                any |= lane;
                name.append(lane ? 'I' : 'L');
            }
            return any ? name.toString() : null;
        }

        private void box(Type type) {
            Type boxed = boxedType(type);
            if (boxed != null) {
                mv.visitMethodInsn(Opcodes.INVOKESTATIC, boxed.getInternalName(), "valueOf",
                        Type.getMethodDescriptor(boxed, type), false);
            }
        }

        private void unboxOrCast(Type type) {
            switch (type.getSort()) {
                case Type.VOID:
                    mv.visitInsn(Opcodes.POP);
                    return;
                case Type.ARRAY:
                    mv.visitTypeInsn(Opcodes.CHECKCAST, type.getDescriptor());
                    return;
                case Type.OBJECT:
                    if (!type.getInternalName().equals(OBJECT)) {
                        mv.visitTypeInsn(Opcodes.CHECKCAST, type.getInternalName());
                    }
                    return;
                default:
                    Type boxed = boxedType(type);
                    mv.visitTypeInsn(Opcodes.CHECKCAST, boxed.getInternalName());
                    mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, boxed.getInternalName(), type.getClassName() + "Value",
                            "()" + type.getDescriptor(), false);
            }
        }

        private static Type boxedType(Type type) {
            switch (type.getSort()) {
                case Type.BOOLEAN: return Type.getObjectType("java/lang/Boolean");
                case Type.CHAR: return Type.getObjectType("java/lang/Character");
                case Type.BYTE: return Type.getObjectType("java/lang/Byte");
                case Type.SHORT: return Type.getObjectType("java/lang/Short");
                case Type.INT: return Type.getObjectType("java/lang/Integer");
                case Type.FLOAT: return Type.getObjectType("java/lang/Float");
                case Type.LONG: return Type.getObjectType("java/lang/Long");
                case Type.DOUBLE: return Type.getObjectType("java/lang/Double");
                default: return null;
            }
        }

        private static Object frameType(Type type) {
            switch (type.getSort()) {
                case Type.BOOLEAN:
                case Type.CHAR:
                case Type.BYTE:
                case Type.SHORT:
                case Type.INT:
                    return Opcodes.INTEGER;
                case Type.FLOAT:
                    return Opcodes.FLOAT;
                case Type.LONG:
                    return Opcodes.LONG;
                case Type.DOUBLE:
                    return Opcodes.DOUBLE;
                case Type.ARRAY:
                    return type.getDescriptor();
                default:
                    return type.getInternalName();
            }
        }

        private static Object[] append(Object[] locals, Object extra) {
            Object[] result = new Object[locals.length + 1];
            System.arraycopy(locals, 0, result, 0, locals.length);
            result[locals.length] = extra;
            return result;
        }
    }
}
