package io.cachetory.proxy;

import io.cachetory.memo.MemoBridge;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * {@link CachedAdvice1}-like advice for methods whose one parameter is an {@code int}:
 * the int arrives as it is, never boxed, so a hit allocates nothing for it.
 */
final class CachedAdviceI {
    private CachedAdviceI() {}

    @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
    static Object enter(@Site Object site, @Advice.This Object self,
                        @Advice.Argument(0) int a0,
                        @Advice.Local("cachetoryCall") Object call) {
        Object entered = MemoBridge.enterSiteI(site, self, a0);
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
