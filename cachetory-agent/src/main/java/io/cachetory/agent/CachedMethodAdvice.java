package io.cachetory.agent;

import io.cachetory.memo.MemoBridge;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * The advice the agent inlines into every {@code @Cached} method. It calls nothing but
 * {@link MemoBridge}, which the application brings on its class path with cachetory-core; all the
 * memoization behaviour lives behind it.
 *
 * <p>No {@code suppress} on the enter advice: a misconfiguration ({@code IllegalArgumentException})
 * or the exception of a single-flight load a waiter shares must reach the caller. The exit advice
 * runs on normal and exceptional completion (else a throwing body would never release its slot).
 */
final class CachedMethodAdvice {
    private CachedMethodAdvice() {}

    /** @return non-null to skip the body: the cached value ({@link MemoBridge#unwrap} gives the result) */
    @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
    public static Object enter(@Advice.Origin Class<?> type,
                               @Advice.Origin("#m#d") String signature,
                               @Advice.This(optional = true) Object self,
                               @Advice.AllArguments Object[] args,
                               @Advice.Local("cachetoryCall") Object call) {
        Object entered = MemoBridge.enter(type, signature, self, args);
        if (MemoBridge.isCall(entered)) {
            call = entered;
            return null;
        }
        return entered;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class)
    public static void exit(@Advice.Enter Object hit,
                            @Advice.Local("cachetoryCall") Object call,
                            @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object result,
                            @Advice.Thrown Throwable thrown) {
        if (call != null) {
            MemoBridge.exit(call, result, thrown);
        } else if (hit != null) {
            result = MemoBridge.unwrap(hit);
        }
    }
}
