package db.migration;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import org.northstar.clinical.MedicationUse;

/**
 * Writes the {@code medication_use} rows of the medication resources and pharmacy claims
 * stored before V48, as storing them now would: with {@link MedicationUse#of}, the code
 * every import and {@code POST /fhir} uses. Read with a cursor and written in batches, so
 * a large store is neither held in memory nor sent one row per round trip.
 */
public class V48_1__Medication_uses_of_stored_resources extends BaseJavaMigration {

	private static final int BATCH = 1_000;

	private static final ObjectMapper JSON = new ObjectMapper();

	@Override
	public void migrate(Context context) throws SQLException {
		Connection connection = context.getConnection();
		// Claims that are not a pharmacy's name no medicine: most of a record's claims,
		// left
		// in the database. MedicationUse.of checks the first coding; this only narrows.
		String select = """
				select id, resource_type, source, patient_id, received_at, content::text from source_resource
				where patient_id is not null and resource_type = any(?)
				  and (resource_type not in ('Claim', 'ExplanationOfBenefit')
				       or content @> '{"type": {"coding": [{"code": "pharmacy"}]}}')""";
		String insert = """
				insert into medication_use (id, item, patient_id, resource_type, source, received_at, status, rxnorm,
				  display, medication_id, date, end_date, days_supply) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
		try (PreparedStatement read = connection.prepareStatement(select);
				PreparedStatement write = connection.prepareStatement(insert)) {
			Array types = connection.createArrayOf("text", MedicationUse.TYPES.toArray());
			read.setArray(1, types);
			read.setFetchSize(BATCH);
			int pending = 0;
			try (ResultSet rs = read.executeQuery()) {
				while (rs.next()) {
					UUID id = rs.getObject(1, UUID.class);
					String type = rs.getString(2);
					String source = rs.getString(3);
					UUID patient = rs.getObject(4, UUID.class);
					Timestamp receivedAt = rs.getTimestamp(5);
					for (MedicationUse use : MedicationUse.of(source, type, parse(id, rs.getString(6)))) {
						write.setObject(1, id);
						write.setInt(2, use.item());
						write.setObject(3, patient);
						write.setString(4, type);
						write.setString(5, source);
						write.setTimestamp(6, receivedAt);
						write.setString(7, use.status());
						write.setString(8, use.rxnorm());
						write.setString(9, use.display());
						write.setObject(10, use.medication(), Types.OTHER);
						write.setString(11, use.date());
						write.setString(12, use.end());
						write.setObject(13, use.daysSupply(), Types.INTEGER);
						write.addBatch();
						if (++pending == BATCH) {
							write.executeBatch();
							pending = 0;
						}
					}
				}
			}
			if (pending > 0) {
				write.executeBatch();
			}
		}
	}

	private static JsonNode parse(UUID id, String json) {
		try {
			return JSON.readTree(json);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("Stored resource " + id + " is not JSON", ex);
		}
	}

}
