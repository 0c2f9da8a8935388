package org.northstar.reactions;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A listener's condition that reads the database, answered once per event. The condition
 * is asked twice: when the event is published, to decide whether the reaction is stored,
 * and after the commit, before the reaction runs. What it reads may have changed in
 * between (another reaction assigned a coordinator, started a transition), and a second
 * answer that differs from the first would run a reaction that was never stored, or leave
 * a stored one waiting for the staleness check. So the first answer stands while the
 * event is in use, and a stored reaction that is run again ({@link Reactions} resubmits
 * it after a failure or a restart, when the first answer may be forgotten) is always run:
 * it was stored because the answer was yes.
 *
 * <p>
 * When the rule fails it answers yes: a needless reaction is cheap, a refused message is
 * not.
 *
 * @param <E> the event
 */
public final class FirstAnswer<E> {

	private static final Logger log = LoggerFactory.getLogger(FirstAnswer.class);

	/** Set while {@link Reactions} resubmits stored reactions on this thread. */
	private static final ThreadLocal<Boolean> RUNNING_STORED = new ThreadLocal<>();

	private final Map<E, Boolean> answers = Collections.synchronizedMap(new WeakHashMap<>());

	private final Predicate<E> rule;

	public FirstAnswer(Predicate<E> rule) {
		this.rule = rule;
	}

	/** The first answer given for this event, or the rule's answer now. */
	public boolean test(E event) {
		if (RUNNING_STORED.get() != null) {
			return true;
		}
		Boolean earlier = this.answers.get(event);
		if (earlier != null) {
			return earlier;
		}
		boolean now = answer(event);
		Boolean first = this.answers.putIfAbsent(event, now);
		return first == null ? now : first;
	}

	/** Runs the resubmission of stored reactions, whose conditions all answer yes. */
	static void runningStored(Runnable resubmission) {
		RUNNING_STORED.set(Boolean.TRUE);
		try {
			resubmission.run();
		}
		finally {
			RUNNING_STORED.remove();
		}
	}

	private boolean answer(E event) {
		try {
			return this.rule.test(event);
		}
		catch (RuntimeException ex) {
			log.warn("Could not decide whether to react to {}; reacting", event, ex);
			return true;
		}
	}

}
