package org.northstar.reactions;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On an {@code @ApplicationModuleListener}: the method of the same bean, taking the
 * listener's event and answering {@code boolean}, that says whether this listener reacts
 * to the event. It is asked once, in the transaction that publishes the event, before the
 * reaction is stored; a reaction is stored only on a yes, and a stored reaction always
 * runs, the first time and on every retry, whatever the method would say by then.
 *
 * <p>
 * It takes the place of the listener's SpEL {@code condition}, which Spring asks a second
 * time before the reaction runs, and which costs the feed an expression's evaluation and
 * conversions on every message ({@link ConditionalReactions}). When the method throws,
 * the answer is yes: a needless reaction is cheap, a refused message is not.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ReactsIf {

	/** The name of the bean's method that decides, package-private or public. */
	String value();

}
