package org.northstar.database;

import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionExecution;
import org.springframework.transaction.TransactionExecutionListener;

/**
 * Writes what a transaction still holds back ({@link PendingWrites}) just before it
 * commits. Called by the transaction manager once its synchronizations are done and
 * before the commit itself; a write that fails here rolls the transaction back, and the
 * caller hears of it.
 */
@Component
class PendingWritesAtCommit implements TransactionExecutionListener {

	@Override
	public void beforeCommit(TransactionExecution transaction) {
		PendingWrites.writeBeforeCommit();
	}

}
