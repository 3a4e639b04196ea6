package io.cachetory.proxy;

import io.cachetory.memo.MemoBridge;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Inlined around each {@code @Cached} method of a generated proxy: a hit returns without calling
 * the target; a miss calls it and stores the result. All logic lives in {@link MemoBridge}. The
 * method's resolved site is a constant ({@link Site}) bound when the proxy class is generated, so a
 * call does no lookup of the method.
 */
final class CachedAdvice {
    private CachedAdvice() {}

    @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
    static Object enter(@Site Object site, @Advice.This Object self, @Advice.AllArguments Object[] args,
                        @Advice.Local("cachetoryCall") Object call) {
        Object entered = MemoBridge.enterSite(site, self, args);
        if (MemoBridge.isCall(entered)) {
            call = entered;
            return null;
        }
        return entered;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class)
    static void exit(@Advice.Enter Object hit, @Advice.Local("cachetoryCall") Object call,
                     @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object result,
                     @Advice.Thrown Throwable thrown) {
        if (call != null) {
            MemoBridge.exit(call, result, thrown);
        } else if (hit != null) {
            result = MemoBridge.unwrap(hit);
        }
    }
}
