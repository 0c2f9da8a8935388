package org.northstar.reactions;

import java.lang.reflect.Method;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.context.event.EventListenerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalApplicationListenerMethodAdapter;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.util.ReflectionUtils;

/**
 * Makes listeners with {@link ReactsIf} ask their bean's method, in plain Java, whether
 * they react to an event. Spring Modulith's event publication registry asks every
 * listener ({@code shouldHandle}) when the event is published, and stores a reaction for
 * those that say yes; when the reaction runs, after the commit or on a retry, nothing is
 * asked again.
 *
 * <p>
 * Ahead of Spring's own factory for transactional listeners, for the methods that carry
 * {@link ReactsIf}; Spring's makes the others.
 */
@Component
class ConditionalReactions implements EventListenerFactory, Ordered {

	private static final Logger log = LoggerFactory.getLogger(ConditionalReactions.class);

	/** Before {@code TransactionalEventListenerFactory}, which is 50. */
	private static final int ORDER = 40;

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public boolean supportsMethod(Method method) {
		return AnnotatedElementUtils.hasAnnotation(method, TransactionalEventListener.class)
				&& AnnotatedElementUtils.hasAnnotation(method, ReactsIf.class);
	}

	@Override
	public ApplicationListener<?> createApplicationListener(String beanName, Class<?> type, Method method) {
		return new Listener(beanName, type, method, condition(type, method));
	}

	/**
	 * The bean's method named by {@link ReactsIf}: one parameter that takes the
	 * listener's event, a {@code boolean} answer.
	 */
	private static Method condition(Class<?> type, Method listener) {
		String name = AnnotatedElementUtils.findMergedAnnotation(listener, ReactsIf.class).value();
		Class<?>[] parameters = listener.getParameterTypes();
		Method condition = parameters.length == 1 ? ReflectionUtils.findMethod(type, name, parameters[0]) : null;
		if (condition == null || condition.getReturnType() != boolean.class) {
			throw new IllegalStateException("@ReactsIf(\"" + name + "\") on " + type.getName() + "."
					+ listener.getName() + ": " + type.getSimpleName() + " has no method boolean " + name + "("
					+ (parameters.length == 1 ? parameters[0].getSimpleName() : "the listener's one event") + ")");
		}
		ReflectionUtils.makeAccessible(condition);
		return condition;
	}

	/** Spring's transactional listener, with the bean's method for a condition. */
	private static final class Listener extends TransactionalApplicationListenerMethodAdapter {

		private final Method condition;

		/** The bean itself, not its proxy, once looked up. */
		private volatile Object target;

		Listener(String beanName, Class<?> type, Method method, Method condition) {
			super(beanName, type, method);
			this.condition = condition;
		}

		@Override
		public boolean shouldHandle(ApplicationEvent event) {
			if (!super.shouldHandle(event)) {
				return false; // not an event of its type
			}
			Object payload = (event instanceof PayloadApplicationEvent<?> carried) ? carried.getPayload() : event;
			try {
				return (boolean) ReflectionUtils.invokeMethod(this.condition, target(), payload);
			}
			catch (RuntimeException ex) {
				log.warn("Could not decide whether {} reacts to {}; reacting", getListenerId(), payload, ex);
				return true;
			}
		}

		private Object target() {
			Object bean = this.target;
			if (bean == null) {
				Object proxyOrBean = getTargetBean();
				Object singleton = AopProxyUtils.getSingletonTarget(proxyOrBean);
				bean = (singleton != null) ? singleton : proxyOrBean;
				this.target = bean;
			}
			return bean;
		}

	}

}
