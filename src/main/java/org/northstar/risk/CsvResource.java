package org.northstar.risk;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the mapping files in {@code src/main/resources/risk}: comma-separated, a header,
 * {@code #} comments, fields in double quotes where they hold a comma.
 */
final class CsvResource {

	private CsvResource() {
	}

	/** The rows after the header; each row has as many fields as the header. */
	static List<String[]> rows(String name) {
		String path = "/risk/" + name;
		try (InputStream in = CsvResource.class.getResourceAsStream(path)) {
			if (in == null) {
				throw new IllegalStateException("Missing mapping file " + path);
			}
			BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
			List<String[]> rows = new ArrayList<>();
			int columns = -1;
			int number = 0;
			for (String line; (line = reader.readLine()) != null;) {
				number++;
				if (line.isBlank() || line.startsWith("#")) {
					continue;
				}
				String[] fields = split(line);
				if (columns < 0) {
					columns = fields.length;
					continue;
				}
				if (fields.length != columns) {
					throw new IllegalStateException(
							path + " line " + number + " has " + fields.length + " fields, the header " + columns);
				}
				rows.add(fields);
			}
			return rows;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String[] split(String line) {
		List<String> fields = new ArrayList<>();
		StringBuilder field = new StringBuilder();
		boolean quoted = false;
		for (int i = 0; i < line.length(); i++) {
			char c = line.charAt(i);
			if (c == '"') {
				quoted = !quoted;
			}
			else if (c == ',' && !quoted) {
				fields.add(field.toString().strip());
				field.setLength(0);
			}
			else {
				field.append(c);
			}
		}
		fields.add(field.toString().strip());
		return fields.toArray(String[]::new);
	}

}
