package org.northstar.reactions;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.FailedEventPublications;
import org.springframework.modulith.events.ResubmissionOptions;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * The reactions not yet done, and their retries.
 *
 * <p>
 * A failed reaction is retried by itself after {@code northstar.reactions.retry-interval}
 * (1 minute), then after twice as long each time, up to
 * {@code northstar.reactions.max-retry-interval} (1 hour) between two attempts, until it
 * has run {@code northstar.reactions.max-attempts} (10) times; then it waits for an
 * administrator. When the server starts, everything outstanding is run again: a reaction
 * that was waiting or running when the process stopped is not lost. Retries go in batches
 * of half the executor's queue, so none is dropped by a full one.
 *
 * <p>
 * Runs go through Spring Modulith, which marks each publication resubmitted before it
 * runs the listener again; the listener's own transaction deletes it as it commits
 * ({@link ReactionCompletion}).
 */
@Service
public class Reactions {

	private static final Logger log = LoggerFactory.getLogger(Reactions.class);

	/**
	 * How often an emptied queue looks for what it turned away, and how old a reaction
	 * still marked published must be to count as turned away.
	 */
	private static final long CATCH_UP_SECONDS = 5;

	private final JdbcClient jdbc;

	private final FailedEventPublications failed;

	private final ReactionProperties properties;

	private final ReactionBacklog backlog;

	private final ReactionCompletion completion;

	Reactions(JdbcClient jdbc, FailedEventPublications failed, ReactionProperties properties, ReactionBacklog backlog,
			ReactionCompletion completion) {
		this.jdbc = jdbc;
		this.backlog = backlog;
		this.completion = completion;
		this.failed = failed;
		this.properties = properties;
	}

	/** The reactions not yet done, the failed ones first, then the oldest first. */
	public List<Reaction> outstanding(int limit) {
		return this.jdbc
			.sql("""
					select p.id, p.listener_id, p.event_type, p.serialized_event, p.publication_date,
					       case when p.id = any(?) then 'PROCESSING' else p.status end, coalesce(p.completion_attempts, 1), coalesce(p.last_resubmission_date, p.publication_date),
					       f.failed_at, f.error, f.stack_trace
					from event_publication p left join reaction_failure f on f.publication_id = p.id
					where p.completion_date is null
					order by p.status = 'FAILED' desc, p.publication_date, p.id
					limit ?
					""")
			.param(running())
			.param(limit)
			.query((rs, n) -> reaction(rs))
			.list();
	}

	/** How many reactions are outstanding, by state. */
	public Map<Reaction.State, Integer> counts() {
		Map<Reaction.State, Integer> counts = new EnumMap<>(Reaction.State.class);
		this.jdbc.sql("""
				select case when id = any(?) then 'PROCESSING' else status end, count(*) from event_publication
				where completion_date is null group by 1
				""")
			.param(running())
			.query((rs, n) -> counts.merge(state(rs.getString(1)), rs.getInt(2), Integer::sum))
			.list();
		return counts;
	}

	/**
	 * Runs a failed reaction again now, whatever its attempts so far; it runs on the
	 * reactions' executor, so this returns before it is done.
	 * @return whether there was such a failed reaction
	 */
	public boolean retry(UUID reaction) {
		boolean isFailed = this.jdbc
			.sql("select exists (select 1 from event_publication where id = ? and status = 'FAILED')")
			.param(reaction)
			.query(Boolean.class)
			.single();
		if (isFailed) {
			resubmit(Set.of(reaction));
		}
		return isFailed;
	}

	@Scheduled(fixedDelayString = "${northstar.reactions.retry-interval:PT1M}",
			initialDelayString = "${northstar.reactions.retry-interval:PT1M}")
	void retryDue() {
		retryDue(Instant.now());
	}

	/**
	 * Resubmits the failed reactions whose wait is over on {@code now}, the oldest first,
	 * at most half a queue's worth at a time: the rest wait for the next round rather
	 * than be dropped by a full queue.
	 * @return how many
	 */
	int retryDue(Instant now) {
		Set<UUID> due = new HashSet<>();
		this.jdbc.sql("""
				select id, coalesce(completion_attempts, 1), coalesce(last_resubmission_date, publication_date)
				from event_publication where status = 'FAILED' and coalesce(completion_attempts, 1) < ?
				order by publication_date
				""").param(this.properties.maxAttempts()).query((RowCallbackHandler) rs -> {
			Instant next = rs.getTimestamp(3).toInstant().plus(this.properties.waitAfter(rs.getInt(2)));
			if (!next.isAfter(now) && due.size() < batch()) {
				due.add(rs.getObject(1, UUID.class));
			}
		});
		if (!due.isEmpty()) {
			log.info("Retrying {} failed reaction(s)", due.size());
			resubmit(due);
		}
		return due.size();
	}

	/**
	 * Once the queue is empty, runs what it turned away: a burst's reactions wait seconds
	 * for a thread, not the 15 minutes of the staleness check.
	 */
	@Scheduled(fixedDelay = CATCH_UP_SECONDS, timeUnit = TimeUnit.SECONDS)
	void catchUp() {
		if (this.backlog.takeCatchUp() && runDeferred(Instant.now().minusSeconds(CATCH_UP_SECONDS)) == batch()) {
			this.backlog.turnedAway(); // more where those came from
		}
	}

	/**
	 * Runs the reactions a full queue turned away, now that it has room: those still
	 * marked published and older than {@code before}. Called when the queue is empty, so
	 * none of them is waiting in it; one whose transaction committed after {@code before}
	 * but not yet handed to the queue may run twice, which reactions are written to bear.
	 * At most half a queue's worth at a time.
	 * @return how many were resubmitted
	 */
	int runDeferred(Instant before) {
		List<UUID> deferred = this.jdbc.sql("""
				update event_publication set status = 'FAILED'
				where id in (select id from event_publication
				             where status = 'PUBLISHED' and completion_date is null and publication_date < ?
				                   and not id = any(?)
				             order by publication_date limit ?)
				returning id
				""").param(Timestamp.from(before)).param(running()).param(batch()).query(UUID.class).list();
		if (!deferred.isEmpty()) {
			log.info("Running {} reaction(s) deferred by a full queue", deferred.size());
			resubmit(Set.copyOf(deferred));
		}
		return deferred.size();
	}

	/**
	 * When the server starts, nothing of its own is running yet: whatever is outstanding
	 * was waiting, running or being retried when the last process stopped. It is all
	 * marked failed, and the oldest batch of it, given up or not, runs at once; the rest
	 * follows with the scheduled retries. Command-line tasks leave it to the server.
	 */
	@EventListener
	void resubmitOutstanding(ApplicationReadyEvent ready) {
		if (!(ready.getApplicationContext() instanceof WebServerApplicationContext)) {
			return;
		}
		// Spring Modulith never resubmits a publication marked resubmitted, and leaves
		// one
		// still marked published or processing to its staleness check.
		int stranded = this.jdbc
			.sql("update event_publication set status = 'FAILED' where completion_date is null and status <> 'FAILED'")
			.update();
		List<UUID> outstanding = this.jdbc
			.sql("select id from event_publication where completion_date is null order by publication_date limit ?")
			.param(batch())
			.query(UUID.class)
			.list();
		if (!outstanding.isEmpty()) {
			log.info("Resubmitting {} reaction(s) left outstanding by the last run ({} were not finished)",
					outstanding.size(), stranded);
			resubmit(Set.copyOf(outstanding));
		}
	}

	/** Running now: still marked published, since a run is not written down. */
	private UUID[] running() {
		return this.completion.running().toArray(UUID[]::new);
	}

	private int batch() {
		return Math.max(1, this.properties.queueCapacity() / 2);
	}

	private void resubmit(Set<UUID> reactions) {
		// Modulith reads failed publications in batches, oldest first, and filters after
		// reading: one batch of all of them, so a reaction is never starved by older ones
		// that are not due.
		// Each was stored because its condition said yes then, and nothing asks it again
		// (ReactsIf).
		this.failed.resubmit(ResubmissionOptions.defaults()
			.withBatchSize(Integer.MAX_VALUE)
			.withFilter(publication -> reactions.contains(publication.getIdentifier())));
	}

	private Reaction reaction(ResultSet rs) throws SQLException {
		Reaction.State state = state(rs.getString(6));
		int attempts = rs.getInt(7);
		Instant lastAttempt = rs.getTimestamp(8).toInstant();
		Instant nextRetry = state == Reaction.State.FAILED && attempts < this.properties.maxAttempts()
				? lastAttempt.plus(this.properties.waitAfter(attempts)) : null;
		String type = rs.getString(3);
		return new Reaction(rs.getObject(1, UUID.class), rs.getString(2), type.substring(type.lastIndexOf('.') + 1),
				rs.getString(4), rs.getTimestamp(5).toInstant(), state, attempts, lastAttempt,
				instant(rs.getTimestamp(9)), rs.getString(10), rs.getString(11), nextRetry);
	}

	private static Reaction.State state(String status) {
		if (status == null) {
			return Reaction.State.PENDING;
		}
		return switch (status) {
			case "PROCESSING" -> Reaction.State.RUNNING;
			case "RESUBMITTED" -> Reaction.State.RETRYING;
			case "FAILED" -> Reaction.State.FAILED;
			default -> Reaction.State.PENDING;
		};
	}

	private static Instant instant(Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}

}
