package org.northstar.reactions;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.northstar.database.PendingWrites;

import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.modulith.events.EventPublication.Status;
import org.springframework.modulith.events.core.EventPublicationRepository;
import org.springframework.modulith.events.core.EventSerializer;
import org.springframework.modulith.events.core.PublicationTargetIdentifier;
import org.springframework.modulith.events.core.TargetEventPublication;

/**
 * Spring Modulith's publication repository, but a new publication is written with the
 * transaction's next statement that carries pending writes, or at its commit
 * ({@link PendingWrites}), a publication's run is not written down before its listener
 * runs, and it is completed by the listener's own transaction
 * ({@link ReactionCompletion}). Everything else is the repository's own.
 */
class CompletingPublications implements EventPublicationRepository {

	/** Modulith's own insert (schema v2, V12__event_publication.sql). */
	private static final String INSERT = """
			insert into event_publication (id, event_type, listener_id, publication_date, serialized_event, status,
			                               completion_attempts, last_resubmission_date)
			values (?, ?, ?, ?, ?, ?, ?, ?)""";

	private final EventPublicationRepository repository;

	private final ReactionCompletion completion;

	private final JdbcOperations jdbc;

	private final EventSerializer serializer;

	CompletingPublications(EventPublicationRepository repository, ReactionCompletion completion, JdbcOperations jdbc,
			EventSerializer serializer) {
		this.repository = repository;
		this.completion = completion;
		this.jdbc = jdbc;
		this.serializer = serializer;
	}

	@Override
	public void markProcessing(UUID publication) {
		this.completion.starting(publication);
	}

	@Override
	public void markCompleted(TargetEventPublication publication, Instant completionDate) {
		publication.markCompleted(completionDate);
		markCompleted(publication.getIdentifier(), completionDate);
	}

	@Override
	public void markCompleted(UUID publication, Instant completionDate) {
		if (!this.completion.completedWithItsReaction(publication)) {
			this.repository.markCompleted(publication, completionDate);
		}
	}

	@Override
	public void markFailed(UUID publication) {
		this.completion.finished(publication);
		this.repository.markFailed(publication);
	}

	/**
	 * The row Modulith's repository writes, held back: on the ADT feed it travels with
	 * the message log's insert, a round trip fewer for each reaction a message stores.
	 */
	@Override
	public TargetEventPublication create(TargetEventPublication publication) {
		Timestamp published = Timestamp.from(publication.getPublicationDate());
		PendingWrites.add(this.jdbc, INSERT, publication.getIdentifier(), publication.getEvent().getClass().getName(),
				publication.getTargetIdentifier().getValue(), published,
				this.serializer.serialize(publication.getEvent()).toString(), publication.getStatus().name(), 1,
				published);
		return publication;
	}

	@Override
	public void markCompleted(Object event, PublicationTargetIdentifier identifier, Instant completionDate) {
		this.repository.markCompleted(event, identifier, completionDate);
	}

	@Override
	public boolean markResubmitted(UUID publication, Instant resubmissionDate) {
		return this.repository.markResubmitted(publication, resubmissionDate);
	}

	@Override
	public List<TargetEventPublication> findIncompletePublications() {
		return this.repository.findIncompletePublications();
	}

	@Override
	public List<TargetEventPublication> findIncompletePublicationsPublishedBefore(Instant instant) {
		return this.repository.findIncompletePublicationsPublishedBefore(instant);
	}

	@Override
	public Optional<TargetEventPublication> findIncompletePublicationsByEventAndTargetIdentifier(Object event,
			PublicationTargetIdentifier targetIdentifier) {
		return this.repository.findIncompletePublicationsByEventAndTargetIdentifier(event, targetIdentifier);
	}

	@Override
	public List<TargetEventPublication> findCompletedPublications() {
		return this.repository.findCompletedPublications();
	}

	@Override
	public void deletePublications(List<UUID> identifiers) {
		this.repository.deletePublications(identifiers);
	}

	@Override
	public void deleteCompletedPublications() {
		this.repository.deleteCompletedPublications();
	}

	@Override
	public void deleteCompletedPublicationsBefore(Instant instant) {
		this.repository.deleteCompletedPublicationsBefore(instant);
	}

	@Override
	public List<TargetEventPublication> findFailedPublications(FailedCriteria criteria) {
		return this.repository.findFailedPublications(criteria);
	}

	@Override
	public List<TargetEventPublication> findByStatus(Status status) {
		return this.repository.findByStatus(status);
	}

	@Override
	public int countByStatus(Status status) {
		return this.repository.countByStatus(status);
	}

}
