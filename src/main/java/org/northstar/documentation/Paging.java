package org.northstar.documentation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.northstar.shared.PatientId;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One page of a table's rows for some patient records (or everyone's), and how many match
 * in all: how the FHIR searches of interactions and consents page.
 */
final class Paging {

	/** The rows of one page, and how many there are in all. */
	record Rows<T>(List<T> rows, int total) {
	}

	private Paging() {
	}

	/**
	 * @param count the statement that counts ({@code select count(*) from interaction})
	 * @param select the statement that reads rows, from the same table under the same
	 * alias
	 * @param patientColumn the patient column as both statements name it
	 * @param order the {@code order by} of the page
	 * @param records null for everyone's
	 */
	static <T> Rows<T> page(JdbcClient jdbc, String count, String select, String patientColumn, String order,
			Collection<PatientId> records, int offset, int size, RowMapper<T> rows) {
		String where = records == null ? "" : " where " + patientColumn + " = any(?)";
		List<Object> params = new ArrayList<>();
		if (records != null) {
			params.add(records.stream().map(PatientId::value).toArray(UUID[]::new));
		}
		int total = jdbc.sql(count + where).params(params).query(Integer.class).single();
		if (size <= 0 || total == 0) {
			return new Rows<>(List.of(), total);
		}
		List<Object> pageParams = new ArrayList<>(params);
		pageParams.add(size);
		pageParams.add(offset);
		return new Rows<>(jdbc.sql(select + where + " order by " + order + " limit ? offset ?")
			.params(pageParams)
			.query(rows)
			.list(), total);
	}

}
