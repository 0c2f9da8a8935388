package org.northstar.reactions;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.BeanInitializationException;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.transaction.event.TransactionalApplicationListenerMethodAdapter;
import org.springframework.transaction.event.TransactionalEventListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A listener's {@link ReactsIf} method decides whether it reacts, once, when the event is
 * published: Spring's own listener machinery, in a context of its own with one listener
 * bean.
 */
class ConditionalReactionsTests {

	record Admitted(String patient) {
	}

	record Linked(String patient) {
	}

	static class Listeners {

		final List<String> asked = new CopyOnWriteArrayList<>();

		final List<String> reacted = new CopyOnWriteArrayList<>();

		@TransactionalEventListener(id = "test.admitted")
		@ReactsIf("someoneCares")
		void on(Admitted admitted) {
			this.reacted.add(admitted.patient());
		}

		boolean someoneCares(Admitted admitted) {
			this.asked.add(admitted.patient());
			if (admitted.patient().equals("broken")) {
				throw new IllegalStateException("the caseload could not be read");
			}
			return admitted.patient().startsWith("mine");
		}

	}

	static class Misnamed {

		@TransactionalEventListener
		@ReactsIf("someoneCare")
		void on(Admitted admitted) {
		}

		boolean someoneCares(Admitted admitted) {
			return true;
		}

	}

	@Test
	void theBeansMethodDecidesAndIsAskedOnlyWhenTheEventIsPublished() {
		try (GenericApplicationContext context = context(Listeners.class)) {
			Listeners bean = context.getBean(Listeners.class);
			TransactionalApplicationListenerMethodAdapter listener = listener(context);

			assertThat(listener.getListenerId()).isEqualTo("test.admitted");
			assertThat(listener.shouldHandle(event(new Admitted("mine-1")))).isTrue();
			assertThat(listener.shouldHandle(event(new Admitted("theirs-1")))).isFalse();
			assertThat(bean.asked).containsExactly("mine-1", "theirs-1");

			// After the commit, or on a retry: the stored reaction runs, nothing is
			// asked.
			listener.processEvent(event(new Admitted("theirs-2")));
			assertThat(bean.reacted).containsExactly("theirs-2");
			assertThat(bean.asked).hasSize(2);
		}
	}

	@Test
	void aMethodThatFailsMeansReact() {
		try (GenericApplicationContext context = context(Listeners.class)) {
			assertThat(listener(context).shouldHandle(event(new Admitted("broken")))).isTrue();
		}
	}

	@Test
	void anEventOfAnotherTypeIsNotTheListenersAndIsNotAsked() {
		try (GenericApplicationContext context = context(Listeners.class)) {
			assertThat(listener(context).shouldHandle(event(new Linked("mine-1")))).isFalse();
			assertThat(context.getBean(Listeners.class).asked).isEmpty();
		}
	}

	@Test
	void aMethodThatIsNotThereStopsTheStartNamingIt() {
		assertThatThrownBy(() -> context(Misnamed.class).close()).isInstanceOf(BeanInitializationException.class)
			.rootCause()
			.hasMessageContaining("@ReactsIf(\"someoneCare\")")
			.hasMessageContaining("Misnamed has no method boolean someoneCare(Admitted)");
	}

	private static GenericApplicationContext context(Class<?> listeners) {
		return new AnnotationConfigApplicationContext(ConditionalReactions.class, listeners);
	}

	private static TransactionalApplicationListenerMethodAdapter listener(GenericApplicationContext context) {
		return context.getApplicationListeners()
			.stream()
			.filter(TransactionalApplicationListenerMethodAdapter.class::isInstance)
			.map(TransactionalApplicationListenerMethodAdapter.class::cast)
			.findFirst()
			.orElseThrow();
	}

	private static PayloadApplicationEvent<Object> event(Object payload) {
		return new PayloadApplicationEvent<>(ConditionalReactionsTests.class, payload);
	}

}
