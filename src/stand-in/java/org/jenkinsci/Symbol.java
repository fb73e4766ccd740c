package org.jenkinsci;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Stand-in. The real annotation is {@code @Indexed}; its index processor is not on Maven Central, so the
 * plugin ships {@code META-INF/services/annotations/org.jenkinsci.Symbol} itself (checked by a test).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Documented
public @interface Symbol {
    String[] value();
}
