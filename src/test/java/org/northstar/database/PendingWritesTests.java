package org.northstar.database;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.northstar.support.NorthstarTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A write held back is written with the transaction it was made in, or not at all: with
 * the next query that carries it, else at the commit, never after a rollback, and never
 * with another transaction's.
 */
class PendingWritesTests extends NorthstarTest {

	private static final String INSERT = "insert into pending_writes_test (id, note) values (?, ?)";

	@Autowired
	JdbcTemplate template;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	@BeforeEach
	void createTable() {
		this.jdbc.sql("create table pending_writes_test (id int primary key, note text not null)").update();
	}

	@AfterEach
	void dropTable() {
		this.jdbc.sql("drop table pending_writes_test").update();
	}

	@Test
	void aWriteIsSentWithTheNextQueryThatCarriesItAndSeenFromThenOn() {
		List<String> seen = this.transactions.execute(status -> {
			PendingWrites.add(this.template, INSERT, 1, "admitted");
			PendingWrites.add(this.template, INSERT, 2, "discharged");
			assertThat(notes()).as("held back").isEmpty();
			List<String> carried = PendingWrites.query(this.template,
					"select string_agg(note, ',' order by id) from pending_writes_test where id >= ?",
					(rs, n) -> rs.getString(1), 1);
			assertThat(notes()).containsExactly("admitted", "discharged");
			return carried;
		});

		assertThat(seen).as("the query runs after the writes it carries").containsExactly("admitted,discharged");
		assertThat(notes()).containsExactly("admitted", "discharged");
	}

	@Test
	void aWriteNoQueryCarriedIsWrittenAtTheCommit() {
		this.transactions.executeWithoutResult(status -> PendingWrites.add(this.template, INSERT, 1, "admitted"));

		assertThat(notes()).containsExactly("admitted");
	}

	@Test
	void aRolledBackTransactionWritesNothingAndLeavesNothingForTheNext() {
		this.transactions.executeWithoutResult(status -> {
			PendingWrites.add(this.template, INSERT, 1, "rolled back");
			status.setRollbackOnly();
		});
		this.transactions.executeWithoutResult(status -> PendingWrites.add(this.template, INSERT, 2, "kept"));

		assertThat(notes()).containsExactly("kept");
	}

	@Test
	void aFailingWriteFailsTheQueryThatCarriedItAndTheTransactionKeepsNothing() {
		this.jdbc.sql(INSERT).params(1, "already there").update();

		assertThatThrownBy(() -> this.transactions.executeWithoutResult(status -> {
			this.jdbc.sql(INSERT).params(2, "written at once").update();
			PendingWrites.add(this.template, INSERT, 1, "a duplicate");
			PendingWrites.query(this.template, "select 1", (rs, n) -> 1);
		})).isInstanceOf(DataIntegrityViolationException.class);
		assertThatThrownBy(() -> this.transactions
			.executeWithoutResult(status -> PendingWrites.add(this.template, INSERT, 1, "a duplicate at the commit")))
			.isInstanceOf(DataIntegrityViolationException.class);

		assertThat(notes()).containsExactly("already there");
	}

	@Test
	void aTransactionBegunInsideAnotherWritesItsOwnWritesOnly() {
		TransactionTemplate own = new TransactionTemplate(this.transactions.getTransactionManager());
		own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);

		this.transactions.executeWithoutResult(status -> {
			PendingWrites.add(this.template, INSERT, 1, "outer, rolled back");
			own.executeWithoutResult(inner -> PendingWrites.add(this.template, INSERT, 2, "inner, committed"));
			assertThat(PendingWrites.query(this.template, "select count(*) from pending_writes_test where id = ?",
					(rs, n) -> rs.getInt(1), 1))
				.as("the outer write, still held, went with the outer transaction's query")
				.containsExactly(1);
			status.setRollbackOnly();
		});

		assertThat(notes()).containsExactly("inner, committed");
	}

	@Test
	void aWriteMadeAsTheTransactionCommitsIsWrittenAtOnce() {
		this.transactions.executeWithoutResult(status -> {
			PendingWrites.add(this.template, INSERT, 1, "held");
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void beforeCommit(boolean readOnly) {
					PendingWrites.add(PendingWritesTests.this.template, INSERT, 2, "made at the commit");
				}
			});
		});

		assertThat(notes()).containsExactly("held", "made at the commit");
	}

	@Test
	void aTransactionOfManyWritesSendsThemAHundredAtATimeAndKeepsThemAll() {
		this.transactions.executeWithoutResult(status -> {
			for (int i = 1; i <= 250; i++) {
				PendingWrites.add(this.template, INSERT, i, "person " + i);
			}
			assertThat(notes()).as("sent as they reached a hundred").hasSize(200);
		});

		assertThat(notes()).hasSize(250).startsWith("person 1").endsWith("person 250");
	}

	@Test
	void outsideATransactionAWriteIsSentAtOnce() {
		PendingWrites.add(this.template, INSERT, 1, "at once");

		assertThat(notes()).containsExactly("at once");
	}

	private List<String> notes() {
		return this.jdbc.sql("select note from pending_writes_test order by id").query(String.class).list();
	}

}
