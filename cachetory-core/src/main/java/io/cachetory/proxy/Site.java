package io.cachetory.proxy;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the advice parameter that receives the intercepted method's resolved site
 * ({@code MemoBridge.site}): a dynamically-computed constant of the generated proxy class, bound per
 * method when the class is made, resolved once on first use.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
@interface Site {}
