package org.northstar.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.northstar.database.DataDirectories;
import org.northstar.support.SyntheaPopulation;
import org.postgresql.PGConnection;

/**
 * The physical baseline of the import benchmark: the same resources, already extracted
 * one per line, loaded with a single {@code COPY} into one {@code jsonb} table on a fresh
 * embedded PostgreSQL with the server settings Northstar uses. Only the COPY is timed.
 *
 * <p>
 * Usage: {@code CopyBaseline DIR} where DIR holds the bundles. Prints one line:
 * {@code copy-baseline resources=N seconds=S rate=R}.
 */
public final class CopyBaseline {

	private CopyBaseline() {
	}

	public static void main(String[] args) throws Exception {
		Path dir = Path.of(args[0]);
		Path work = Files.createTempDirectory("northstar-copy-baseline");
		Path rows = work.resolve("resources.copy");
		long resources = extract(SyntheaPopulation.files(dir), rows);
		EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setDataDirectory(work.resolve("pg"));
		// Durable, as Northstar's own: zonky's defaults (fsync and synchronous_commit
		// off)
		// would make the baseline faster for a reason Northstar must not copy.
		DataDirectories.serverSettings().forEach(builder::setServerConfig);
		try (EmbeddedPostgres postgres = builder.start();
				Connection connection = postgres.getPostgresDatabase().getConnection()) {
			try (Statement statement = connection.createStatement()) {
				statement.execute("create table baseline (resource jsonb not null)");
			}
			connection.setAutoCommit(false);
			long started = System.nanoTime();
			try (Reader reader = Files.newBufferedReader(rows, StandardCharsets.UTF_8)) {
				connection.unwrap(PGConnection.class)
					.getCopyAPI()
					.copyIn("copy baseline (resource) from stdin", reader, 1 << 16);
			}
			connection.commit();
			double seconds = (System.nanoTime() - started) / 1e9;
			System.out.printf("copy-baseline resources=%d seconds=%.2f rate=%.0f%n", resources, seconds,
					resources / seconds);
		}
		finally {
			deleteRecursively(work);
		}
	}

	/** Writes each bundle entry's resource as one COPY text row; returns how many. */
	private static long extract(List<Path> bundles, Path out) throws IOException {
		ObjectMapper json = new ObjectMapper();
		JsonFactory factory = json.getFactory();
		long count = 0;
		try (Writer writer = new BufferedWriter(Files.newBufferedWriter(out, StandardCharsets.UTF_8), 1 << 16)) {
			for (Path bundle : bundles) {
				try (JsonParser parser = factory.createParser(bundle.toFile())) {
					while (parser.nextToken() != null) {
						if (parser.currentToken() == JsonToken.FIELD_NAME && "resource".equals(parser.currentName())) {
							parser.nextToken();
							JsonNode resource = json.readTree(parser);
							writer.write(json.writeValueAsString(resource).replace("\\", "\\\\"));
							writer.write('\n');
							count++;
						}
					}
				}
			}
		}
		return count;
	}

	private static void deleteRecursively(Path dir) throws IOException {
		try (var paths = Files.walk(dir)) {
			for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
	}

}
