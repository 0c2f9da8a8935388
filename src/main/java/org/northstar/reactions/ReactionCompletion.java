package org.northstar.reactions;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.northstar.database.QueryPlans;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionExecution;
import org.springframework.transaction.TransactionExecutionListener;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A reaction and its completion commit together: the publication is deleted in the
 * reaction's own transaction, just before it commits, not in two transactions of Spring
 * Modulith's around it (one marking it processing, one deleting it).
 *
 * <p>
 * So a reaction is done exactly once: a process that stops between the reaction's commit
 * and its completion can no longer leave it to run again, and a reaction whose
 * transaction rolls back leaves its publication outstanding, as before. It also spares
 * two durable commits per reaction, which on the ADT feed were half of all commits.
 *
 * <p>
 * How: Modulith asks the repository to mark a publication processing on the reaction's
 * thread, just before the listener's transaction begins ({@link CompletingPublications});
 * that is remembered here instead of written, and the next transaction to begin on the
 * thread, the listener's, deletes the publication before it commits. Modulith's own
 * completion then finds nothing left to do. Which publications are running is known to
 * this process only, in memory: they are still marked published in the table, and
 * {@link Reactions} reads them as running from here.
 *
 * <p>
 * The listener's transaction also gets {@link QueryPlans#forFewKeys}: a reaction is a few
 * key lookups, run for every message of the feed.
 */
@Component
class ReactionCompletion implements TransactionExecutionListener {

	/**
	 * The publication whose listener is about to begin its transaction on this thread.
	 */
	private final ThreadLocal<UUID> starting = new ThreadLocal<>();

	/** The publication this thread's last reaction deleted when it committed. */
	private final ThreadLocal<UUID> completed = new ThreadLocal<>();

	private final Set<UUID> running = ConcurrentHashMap.newKeySet();

	private final JdbcClient jdbc;

	ReactionCompletion(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Modulith is about to run the listener of this publication on this thread. */
	void starting(UUID publication) {
		this.running.add(publication);
		this.starting.set(publication);
		this.completed.remove();
	}

	@Override
	public void afterBegin(TransactionExecution transaction, Throwable beginFailure) {
		UUID publication = this.starting.get();
		if (publication == null || beginFailure != null || !transaction.isNewTransaction()) {
			return;
		}
		this.starting.remove();
		QueryPlans.forFewKeys(this.jdbc);
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

			@Override
			public void beforeCommit(boolean readOnly) {
				ReactionCompletion.this.jdbc.sql("delete from event_publication where id = ?")
					.param(publication)
					.update();
			}

			@Override
			public void afterCompletion(int status) {
				if (status == STATUS_COMMITTED) {
					ReactionCompletion.this.completed.set(publication);
				}
			}

		});
	}

	/**
	 * Whether the publication was deleted by its reaction's own commit; ends its run on
	 * this thread either way.
	 */
	boolean completedWithItsReaction(UUID publication) {
		boolean done = publication.equals(this.completed.get());
		finished(publication);
		return done;
	}

	/** The publication's run on this thread is over, done or failed. */
	void finished(UUID publication) {
		this.running.remove(publication);
		this.starting.remove();
		this.completed.remove();
	}

	/** The publications whose reactions are running in this process now. */
	List<UUID> running() {
		return List.copyOf(this.running);
	}

}
