package io.cachetory.proxy;

import io.cachetory.memo.MemoBridge;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/** {@link CachedAdvice} for methods with 0 parameter(s): arguments passed one by one, no array on a hit;
 * the method's site is a constant bound when the proxy class is generated. */
final class CachedAdvice0 {
    private CachedAdvice0() {}

    @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
    static Object enter(@Site Object site, @Advice.This Object self,
                        @Advice.Local("cachetoryCall") Object call) {
        Object entered = MemoBridge.enterSite0(site, self);
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
