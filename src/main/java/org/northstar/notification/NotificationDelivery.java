package org.northstar.notification;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends what is not yet delivered: right after the transaction that created a
 * notification commits, and every minute for what failed before. Each notification is
 * claimed with a row lock, so two Northstar processes never send the same one twice.
 */
@Component
class NotificationDelivery {

	private static final Logger log = LoggerFactory.getLogger(NotificationDelivery.class);

	/** After this many failures a notification stays in the app only. */
	static final int MAX_ATTEMPTS = 10;

	private static final int BATCH = 50;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final NotificationSender sender;

	private final ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
		Thread thread = new Thread(runnable, "notification-delivery");
		thread.setDaemon(true);
		return thread;
	});

	NotificationDelivery(JdbcClient jdbc, TransactionTemplate transactions, NotificationSender sender) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.sender = sender;
	}

	/** Delivers soon, on another thread, so the caller (an MLLP ACK) does not wait. */
	void deliverSoon() {
		this.executor.execute(this::deliverPending);
	}

	/**
	 * Delivers once the caller's transaction has committed: what it wrote is then there
	 * to be sent, and a rollback sends nothing.
	 */
	void deliverAfterCommit() {
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				deliverSoon();
			}
		});
	}

	@Scheduled(fixedDelayString = "${northstar.notifications.retry-interval:PT1M}")
	void retry() {
		deliverPending();
	}

	/**
	 * One round over everything undelivered, each notification tried once.
	 * @return how many were sent
	 */
	int deliverPending() {
		int sent = 0;
		long after = 0;
		while (true) {
			long from = after;
			Round round = this.transactions.execute(status -> deliverBatch(from));
			if (round == null || round.last() == 0) {
				return sent;
			}
			sent += round.sent();
			after = round.last();
		}
	}

	private Round deliverBatch(long after) {
		List<Pending> pending = this.jdbc.sql("""
				select id, username, kind from notification
				where delivered_at is null and delivery_attempts < ? and id > ?
				order by id limit ? for update skip locked
				""")
			.params(MAX_ATTEMPTS, after, BATCH)
			.query((rs, n) -> new Pending(rs.getLong(1), rs.getString(2), Notification.Kind.valueOf(rs.getString(3))))
			.list();
		int sent = 0;
		long last = 0;
		for (Pending p : pending) {
			last = p.id();
			try {
				this.sender.send(p.username(), p.message());
				this.jdbc
					.sql("update notification set delivered_at = now(), delivery_attempts = delivery_attempts + 1,"
							+ " delivery_error = null where id = ?")
					.param(p.id())
					.update();
				sent++;
			}
			catch (Exception ex) {
				log.warn("Notification {} to {} not delivered: {}", p.id(), p.username(), ex.toString());
				this.jdbc
					.sql("update notification set delivery_attempts = delivery_attempts + 1, delivery_error = ?"
							+ " where id = ?")
					.params(ex.toString(), p.id())
					.update();
			}
		}
		return new Round(sent, last);
	}

	/**
	 * @param last the id of the last notification tried, 0 when there was none
	 */
	private record Round(int sent, long last) {
	}

	@PreDestroy
	void stop() {
		this.executor.shutdown();
	}

	private record Pending(long id, String username, Notification.Kind kind) {

		/** No patient data: the message leaves Northstar. */
		String message() {
			return switch (this.kind) {
				case ADMITTED -> "Northstar: a patient on your caseload was admitted to hospital. Sign in to see who.";
				case ED_VISIT ->
					"Northstar: a patient on your caseload is in an emergency department. Sign in to see who.";
				case MESSAGE_NOT_APPLIED -> "Northstar: a hospital's message about a patient on your caseload could"
						+ " not be applied. Sign in to see who.";
			};
		}

	}

}
