package org.northstar.cli;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.northstar.caseload.Assignments.ListLine;
import org.northstar.caseload.Assignments.Problem;

/**
 * Reads an attribution list: CSV as RFC 4180 has it (fields quoted with {@code "}, a
 * quote inside doubled, commas and line breaks inside quotes), with a header row naming
 * the four columns. A byte order mark, CRLF or LF line ends and blank lines are taken as
 * spreadsheets write them. Each entry keeps the line it starts on, counted as an editor
 * shows them, so that a message points at the place to fix.
 */
final class AttributionCsv {

	static final List<String> COLUMNS = List.of("identifier system", "identifier value", "coordinator", "program");

	private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).get();

	/** The entries read, and what could not be read. */
	record Read(List<ListLine> lines, List<Problem> problems) {
	}

	private AttributionCsv() {
	}

	static Read read(String text) {
		String content = text.startsWith("\uFEFF") ? text.substring(1) : text;
		int[] lineStarts = lineStarts(content);
		List<ListLine> lines = new ArrayList<>();
		List<Problem> problems = new ArrayList<>();
		try (CSVParser parser = CSVParser.parse(new StringReader(content), FORMAT)) {
			Iterator<CSVRecord> records = parser.iterator();
			if (!records.hasNext()) {
				problems.add(new Problem(1, null,
						"the file is empty; the first row names the columns: " + String.join(", ", COLUMNS)));
				return new Read(lines, problems);
			}
			CSVRecord header = records.next();
			List<String> names = header.stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).toList();
			if (!names.equals(COLUMNS)) {
				problems.add(new Problem(lineOf(lineStarts, startOf(content, header.getCharacterPosition())), null,
						"the first row must name the columns " + String.join(", ", COLUMNS) + "; it has "
								+ String.join(", ", header.toList())));
				return new Read(lines, problems);
			}
			while (records.hasNext()) {
				CSVRecord record = records.next();
				int line = lineOf(lineStarts, startOf(content, record.getCharacterPosition()));
				if (record.size() != COLUMNS.size()) {
					problems.add(new Problem(line, null, "expected " + COLUMNS.size() + " columns ("
							+ String.join(", ", COLUMNS) + "), found " + record.size()));
					continue;
				}
				String[] values = record.stream().map(String::strip).toArray(String[]::new);
				boolean complete = true;
				for (int i = 0; i < 3; i++) {
					if (values[i].isEmpty()) {
						problems.add(new Problem(line, COLUMNS.get(i), "empty; every line needs it"));
						complete = false;
					}
				}
				if (complete) {
					lines.add(new ListLine(line, values[0], values[1], values[2],
							values[3].isEmpty() ? null : values[3]));
				}
			}
		}
		catch (IOException | UncheckedIOException ex) {
			// commons-csv stops at the first quoting error; its message names the line.
			String message = ex instanceof UncheckedIOException unchecked && unchecked.getCause() != null
					? unchecked.getCause().getMessage() : ex.getMessage();
			problems.add(new Problem(parserLine(message, lineStarts.length), null,
					"the quoting is broken (a field that opens a quote must close it, and a quote inside a quoted "
							+ "field is written twice): " + message));
		}
		return new Read(lines, problems);
	}

	/**
	 * The 1-based line of each offset where a line starts; CRLF, LF and CR all end one.
	 */
	private static int[] lineStarts(String content) {
		List<Integer> starts = new ArrayList<>();
		starts.add(0);
		for (int i = 0; i < content.length(); i++) {
			char c = content.charAt(i);
			if (c == '\n' || (c == '\r' && (i + 1 == content.length() || content.charAt(i + 1) != '\n'))) {
				starts.add(i + 1);
			}
		}
		return starts.stream().mapToInt(Integer::intValue).toArray();
	}

	/**
	 * Where the record's first field starts: the parser gives the position it began
	 * reading at, before the blank lines it skipped.
	 */
	private static long startOf(String content, long position) {
		int at = (int) position;
		while (at < content.length() && (content.charAt(at) == '\r' || content.charAt(at) == '\n')) {
			at++;
		}
		return at;
	}

	private static int lineOf(int[] lineStarts, long offset) {
		int found = Arrays.binarySearch(lineStarts, (int) offset);
		return found >= 0 ? found + 1 : -found - 1;
	}

	/** The line commons-csv names in a parse error ("... at line 7"), else the last. */
	private static int parserLine(String message, int lastLine) {
		java.util.regex.Matcher m = java.util.regex.Pattern.compile("line:? (\\d+)")
			.matcher(message == null ? "" : message);
		return m.find() ? Integer.parseInt(m.group(1)) : lastLine;
	}

}
