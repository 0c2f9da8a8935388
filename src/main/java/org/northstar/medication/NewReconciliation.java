package org.northstar.medication;

import java.time.LocalDate;
import java.util.List;

import org.northstar.shared.PatientId;

/**
 * A reconciliation to record, as the coordinator signed it.
 *
 * @param patient the record the coordinator reconciled on
 * @param records every record of the person, whose open medication task it completes
 * @param by the coordinator's account
 * @param attested the coordinator confirmed that this is what the patient takes
 */
public record NewReconciliation(PatientId patient, List<PatientId> records, String by, String signedAs,
		boolean attested, LocalDate reconciledOn, String note, List<Reconciliation.Line> lines) {

	public NewReconciliation {
		records = List.copyOf(records);
		lines = List.copyOf(lines);
	}

}
