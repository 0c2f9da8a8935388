package org.northstar.clinical;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.northstar.shared.PatientId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The coded conditions that have not ended, per patient record, in one round trip: for
 * rules over many people (care-management eligibility). A condition has not ended when
 * its clinical status is active, a recurrence or a relapse (or not given) and it has no
 * abatement.
 */
@Service
public class OngoingConditions {

	private final JdbcClient jdbc;

	OngoingConditions(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * @param records whose; null for every record's
	 */
	public Map<PatientId, List<CodedCondition>> of(Collection<PatientId> records) {
		Map<PatientId, List<CodedCondition>> conditions = new HashMap<>();
		String sql = """
				select patient_id, code_system, code, display from condition
				where coalesce(clinical_status, 'active') in ('active', 'recurrence', 'relapse') and abatement is null
				  and code is not null""" + (records == null ? "" : " and patient_id = any(?)");
		var statement = this.jdbc.sql(sql);
		if (records != null) {
			statement = statement.param(records.stream().map(PatientId::value).toArray(UUID[]::new));
		}
		statement.query(rs -> {
			conditions.computeIfAbsent(new PatientId(rs.getObject(1, UUID.class)), k -> new ArrayList<>())
				.add(new CodedCondition(rs.getString(2), rs.getString(3), rs.getString(4)));
		});
		return conditions;
	}

	/** A condition's code as the source sent it, e.g. SNOMED CT or ICD-10-CM. */
	public record CodedCondition(String system, String code, String display) {
	}

}
