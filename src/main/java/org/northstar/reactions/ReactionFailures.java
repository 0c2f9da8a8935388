package org.northstar.reactions;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Method;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.aop.interceptor.AsyncUncaughtExceptionHandler;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.core.EventSerializer;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalApplicationListenerMethodAdapter;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.util.ClassUtils;

/**
 * Keeps why a reaction failed, which the publication registry does not: by the time a
 * listener's exception reaches here, its transaction has rolled back and Spring Modulith
 * has marked the publication failed. The publication is found as Modulith finds it, by
 * listener id and serialised event, and the error is written next to it, in a statement
 * of its own.
 */
@Component
class ReactionFailures implements AsyncUncaughtExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ReactionFailures.class);

	/** Enough of a stack trace to find the line; deep framework frames add nothing. */
	private static final int MAX_STACK_TRACE = 16_000;

	private final JdbcClient jdbc;

	private final EventSerializer serializer;

	ReactionFailures(JdbcClient jdbc, EventSerializer serializer) {
		this.jdbc = jdbc;
		this.serializer = serializer;
	}

	@Override
	public void handleUncaughtException(Throwable failure, Method method, Object... params) {
		String listener = listenerId(method);
		log.warn("Reaction {} failed; its publication stays incomplete and is retried: {}", listener, summary(failure),
				failure);
		if (params.length != 1 || !AnnotatedElementUtils.hasAnnotation(method, TransactionalEventListener.class)) {
			return; // not a reaction: no publication to record it on
		}
		try {
			int recorded = this.jdbc.sql("""
					insert into reaction_failure (publication_id, failed_at, error, stack_trace)
					select id, now(), :error, :trace from event_publication
					where listener_id = :listener and serialized_event = :event and completion_date is null
					on conflict (publication_id) do update set failed_at = excluded.failed_at, error = excluded.error,
					    stack_trace = excluded.stack_trace
					""")
				.param("error", summary(failure))
				.param("trace", stackTrace(failure))
				.param("listener", listener)
				.param("event", this.serializer.serialize(params[0]).toString())
				.update();
			if (recorded == 0) {
				log.debug("No incomplete publication of {} for {} to record the failure on", params[0], listener);
			}
		}
		catch (RuntimeException ex) {
			// Completed or deleted meanwhile, or the database is down: the log has it.
			log.warn("Could not record the failure of reaction {}: {}", listener, ex.toString());
		}
	}

	/** The id Spring Modulith stores the listener's publications under. */
	static String listenerId(Method method) {
		if (!AnnotatedElementUtils.hasAnnotation(method, TransactionalEventListener.class)) {
			return ClassUtils.getQualifiedMethodName(method);
		}
		return new TransactionalApplicationListenerMethodAdapter("reaction", method.getDeclaringClass(), method)
			.getListenerId();
	}

	/**
	 * The most specific cause, which names what went wrong, with the outermost if it adds
	 * to it.
	 */
	static String summary(Throwable failure) {
		Throwable cause = NestedExceptionUtils.getMostSpecificCause(failure);
		String text = cause.getClass().getSimpleName() + ": " + cause.getMessage();
		return cause == failure ? text : text + " (in " + failure.getClass().getSimpleName() + ")";
	}

	private static String stackTrace(Throwable failure) {
		StringWriter trace = new StringWriter();
		failure.printStackTrace(new PrintWriter(trace));
		String text = trace.toString();
		return text.length() <= MAX_STACK_TRACE ? text : text.substring(0, MAX_STACK_TRACE) + "\n\t...";
	}

}
