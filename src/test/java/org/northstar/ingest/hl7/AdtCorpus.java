package org.northstar.ingest.hl7;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The ADT conformance corpus: messages in the shapes hospitals send (every event, every
 * version from 2.3 to 2.8.2, optional fields missing one at a time, repetitions, escape
 * sequences, Z-segments, ISO-8859-1, LF and CR LF separators, partial dates, offsets,
 * merges of one and of several pairs) and some that must be refused. Most are built here;
 * the hand-written ones are in {@code src/test/resources/hl7/corpus}. All are synthetic.
 */
final class AdtCorpus {

	static final String FACILITY = "CORPHOSP";

	static final Path FILES = Path.of("src/test/resources/hl7/corpus");

	/** Events Northstar applies to a visit. */
	static final List<String> VISIT_EVENTS = List.of("A01", "A02", "A03", "A04", "A05", "A06", "A07", "A08", "A11",
			"A12", "A13");

	static final List<String> VERSIONS = List.of("2.3", "2.3.1", "2.4", "2.5", "2.5.1", "2.6", "2.7", "2.7.1", "2.8",
			"2.8.1", "2.8.2");

	/** The fields a visit event may leave out, one at a time. */
	static final List<String> OPTIONAL_VISIT_FIELDS = List.of("EVN-1", "EVN-2", "EVN-5", "EVN-6", "PID-1", "PID-5",
			"PID-7", "PID-8", "PID-11", "PID-13", "PID-15", "PID-18", "PID-30", "PV1-1", "PV1-2", "PV1-3", "PV1-7",
			"PV1-10", "PV1-14", "PV1-36", "PV1-44", "PV1-45");

	/** The fields an A40 may leave out, one at a time. */
	static final List<String> OPTIONAL_MERGE_FIELDS = List.of("EVN-1", "EVN-2", "EVN-5", "EVN-6", "PID-1", "PID-5",
			"PID-7", "PID-8", "PID-11", "PID-13", "PID-15", "PID-18", "PID-30", "MRG-2", "MRG-3", "MRG-5", "MRG-6",
			"MRG-7");

	private static final String[] FAMILIES = { "Okonkwo", "Lindqvist", "Haddad", "Moreau", "Tanaka", "Kowalczyk",
			"Abernathy", "Nakamura", "Oyelaran", "Castellanos", "Byrne", "Szabó", "Ødegaard", "Núñez", "Çelik" };

	private static final String[] GIVENS = { "Adaeze", "Birgitta", "Karim", "Élodie", "Haruto", "Zofia", "Quentin",
			"Mei", "Tobias", "Inés", "Siobhán", "Ferenc", "Astrid", "Joaquín", "Deniz" };

	private int sequence;

	private final List<CorpusMessage> messages = new ArrayList<>();

	/**
	 * One message of the corpus, as the bytes to send.
	 *
	 * @param refusedBecause {@code null} when it must be applied; else a fragment of the
	 * reason its AE or AR must give
	 */
	record CorpusMessage(String name, byte[] bytes, String refusedBecause) {

		SentMessage sent() {
			return SentMessage.read(this.bytes);
		}

	}

	static List<CorpusMessage> all() {
		AdtCorpus corpus = new AdtCorpus();
		corpus.everyEventWithEachOptionalFieldMissing();
		corpus.everyVersion();
		corpus.repetitionsEscapesAndZSegments();
		corpus.characterSetsAndSeparators();
		corpus.datesAndTimes();
		corpus.merges();
		corpus.refusals();
		corpus.handWritten();
		return corpus.messages;
	}

	private void everyEventWithEachOptionalFieldMissing() {
		for (String event : VISIT_EVENTS) {
			add(event + " with every field", visit(event, "2.5.1"));
			for (String field : OPTIONAL_VISIT_FIELDS) {
				add(event + " without " + field, visit(event, "2.5.1").clear(field));
			}
			add(event + " without EVN", visit(event, "2.5.1").drop("EVN"));
		}
		add("A08 without PV1", visit("A08", "2.5.1").drop("PV1"));
		add("A08 without PV1-19", visit("A08", "2.5.1").clear("PV1-19"));
		String prior = priorPatient("2.5.1");
		add("A40 with every field", merge("2.5.1", prior));
		for (String field : OPTIONAL_MERGE_FIELDS) {
			add("A40 without " + field, merge("2.5.1", priorPatient("2.5.1")).clear(field));
		}
		add("A40 without EVN", merge("2.5.1", priorPatient("2.5.1")).drop("EVN"));
	}

	private void everyVersion() {
		for (String version : VERSIONS) {
			for (String event : List.of("A01", "A03", "A08")) {
				add(event + " v" + version, visit(event, version));
			}
			add("A40 v" + version, merge(version, priorPatient(version)));
		}
	}

	private void repetitionsEscapesAndZSegments() {
		for (String version : List.of("2.3", "2.5.1", "2.8")) {
			add("repetitions v" + version,
					visit("A01", version)
						.set("PID-3",
								mrn() + "^^^" + FACILITY + "^MR~999-12-" + String.format("%04d", this.sequence)
										+ "^^^SSA^SS~E" + this.sequence + "^^^&2.16.840.1.113883.19.5&ISO^PI")
						.set("PID-5", "Varga^Ilona^Margit~Varga-Kiss^Ilona^^^^^A")
						.set("PID-11",
								"12 Birch Lane^Apt 3B^Millbrook^NY^12545^USA^H^^Dutchess"
										+ "~PO Box 77^^Millbrook^NY^12545^USA^M"
										+ "~9 Old Mill Rd^^Hudson^NY^12534^^BA^^^^^^20190101^20231231")
						.set("PID-13", "^PRN^PH^^^845^5550143~^ORN^CP^^^845^5550199")
						.set("PV1-7", "2201^Ilunga^Thandi^^^DR~3302^Brandt^Oskar"));
		}
		add("escape sequences",
				visit("A01", "2.5.1").set("PID-5", "Ng\\S\\Tran^Mai\\F\\Anh")
					.set("PID-11", "12 Main St \\T\\ 3rd Ave^Bldg 4\\F\\5^Saint\\R\\Paul^MN^55101")
					.set("PV1-3", "4W\\T\\4E^401\\E\\B^A")
					.set("PV1-7", "2201^O\\S\\Hara^Tess"));
		add("escape sequences v2.3", visit("A03", "2.3").set("PID-5", "D\\E\\Souza^Ana\\T\\Lu"));
		add("street in SAD subcomponents",
				visit("A01", "2.5.1").set("PID-11", "&Larch Street&48^Floor 2^Albany^NY^12207^USA^H"));
		add("Z-segment after MSH", visit("A01", "2.5.1").insertAfter("MSH", "ZMS|1|routing^north"));
		add("Z-segment between PID and PV1", visit("A01", "2.5.1").insertAfter("PID", "ZPI|1|VIP^N|chaplain"));
		add("Z-segment at the end", visit("A03", "2.5.1").append("ZPV|1|bed cleaning^done|20260301"));
		add("Z-segments v2.3", visit("A04", "2.3").insertAfter("PID", "ZPI|1|x").append("ZPV|1|y"));
		add("Z-segments v2.8", visit("A02", "2.8").insertAfter("EVN", "ZEV|1").append("ZPV|1|y"));
		add("NK1, AL1 and DG1 around PV1",
				visit("A01", "2.5.1").insertAfter("PID", "NK1|1|Varga^Peter|SPO")
					.append("AL1|1|DA|70618^Penicillin")
					.append("DG1|1||I50.9^Heart failure^I10"));
	}

	private void characterSetsAndSeparators() {
		add("ISO-8859-1 names",
				visit("A01", "2.5.1").set("MSH-18", "8859/1")
					.set("PID-5", "Müller^Françoise^Åse")
					.set("PID-11", "Ærøgade 5^Côté cour^Göteborg^^41319^SWE^H")
					.charset(StandardCharsets.ISO_8859_1));
		add("ISO-8859-1 names v2.3",
				visit("A08", "2.3").set("MSH-18", "8859/1")
					.set("PID-5", "Peña^José^Ñuño")
					.set("PV1-7", "77^Groß^Jürgen")
					.charset(StandardCharsets.ISO_8859_1));
		add("UTF-8 named in MSH-18",
				visit("A01", "2.5.1").set("MSH-18", "UNICODE UTF-8").set("PID-5", "Wiśniewski^Łukasz^Zoë"));
		for (String event : List.of("A01", "A03", "A40")) {
			CorpusDraft lf = event.equals("A40") ? merge("2.5.1", priorPatient("2.5.1")) : visit(event, "2.5.1");
			add(event + " with LF separators", lf.separator("\n"));
			CorpusDraft crlf = event.equals("A40") ? merge("2.3", priorPatient("2.3")) : visit(event, "2.3");
			add(event + " with CR LF separators", crlf.separator("\r\n"));
		}
		add("LF separators v2.8 ending in a blank line", visit("A04", "2.8").separator("\n").append(""));
	}

	private void datesAndTimes() {
		add("birth date with time and +0700", visit("A01", "2.5.1").set("PID-7", "19850101000000+0700"));
		add("birth date with time and -1000", visit("A01", "2.5.1").set("PID-7", "19850101235959-1000"));
		add("birth date with minutes", visit("A01", "2.5.1").set("PID-7", "198503121230"));
		add("birth year only", visit("A01", "2.5.1").set("PID-7", "1985"));
		add("birth year and month", visit("A08", "2.5.1").set("PID-7", "198503"));
		add("birth date on a leap day", visit("A01", "2.3").set("PID-7", "20000229"));
		add("times with -0500",
				visit("A03", "2.5.1").set("PV1-44", "20260228083000-0500")
					.set("PV1-45", "20260301101500-0500")
					.set("EVN-6", "20260301101000-0500"));
		add("times with +0530", visit("A01", "2.5.1").set("PV1-44", "20260301083000+0530"));
		add("times with +1400 and -0000",
				visit("A03", "2.8").set("PV1-44", "20260301000000+1400").set("PV1-45", "20260302235959-0000"));
		add("fractional seconds",
				visit("A03", "2.5.1").set("PV1-44", "20260301083000.1234-0500").set("PV1-45", "20260302101500.5"));
		add("times to the minute", visit("A01", "2.5.1").set("PV1-44", "202603010830"));
		add("times to the hour", visit("A03", "2.5.1").set("PV1-44", "2026030108").set("PV1-45", "2026030210"));
		add("times to the day", visit("A03", "2.3").set("PV1-44", "20260301").set("PV1-45", "20260302"));
		add("event time only in EVN-2 with offset",
				visit("A03", "2.5.1").clear("EVN-6").clear("PV1-45").set("EVN-2", "20260301101500+0100"));
		add("event time only in MSH-7",
				visit("A01", "2.5.1").drop("EVN").clear("PV1-44").set("MSH-7", "20260301071500-0800"));
		add("address valid from a year and month",
				visit("A01", "2.5.1").set("PID-11", "3 Quay St^^Galway^^H91^IRL^C^^^^^^2024^202506"));
	}

	private void merges() {
		String first = priorPatient("2.5.1");
		String second = priorPatient("2.5.1");
		CorpusDraft twoPairs = merge("2.5.1", first);
		String secondSurvivor = mrn();
		twoPairs.append(new CorpusDraft("2.5.1", "A40").pid(secondSurvivor, this.sequence).segment("PID"));
		twoPairs.append("MRG|" + second + "^^^" + FACILITY + "^MR");
		add("A40 with two PID/MRG pairs", twoPairs);
		CorpusDraft threePairs = merge("2.3", priorPatient("2.3"));
		for (int pair = 0; pair < 2; pair++) {
			String prior = priorPatient("2.3");
			threePairs.append(new CorpusDraft("2.3", "A40").pid(mrn(), this.sequence).segment("PID"));
			threePairs.append("MRG|" + prior + "^^^" + FACILITY + "^MR");
		}
		add("A40 v2.3 with three pairs", threePairs);
		add("A40 of a patient never seen", merge("2.5.1", "NEVER-" + mrn()));
		add("A40 whose PID-3 has two authorities", merge("2.8", priorPatient("2.8")).set("PID-3",
				mrn() + "^^^" + FACILITY + "^MR~" + "X" + this.sequence + "^^^REGIONAL^PI"));
	}

	private void refusals() {
		add("no PID-3", visit("A01", "2.5.1").clear("PID-3"), "PID-3");
		add("no PID", visit("A01", "2.5.1").drop("PID"), "PID segment is missing");
		add("no PV1-19 on A01", visit("A01", "2.5.1").clear("PV1-19"), "PV1-19");
		add("no PV1 on A03", visit("A03", "2.5.1").drop("PV1"), "PV1-19");
		add("month 13 in PID-7", visit("A01", "2.5.1").set("PID-7", "19851340"), "PID-7");
		add("offset without minutes in PV1-44", visit("A01", "2.5.1").set("PV1-44", "20260301083000-05"), "PV1-44");
		add("version 2.2", visit("A01", "2.5.1").set("MSH-12", "2.2"), "MSH-12");
		add("A40 without MRG-1", merge("2.5.1", priorPatient("2.5.1")).clear("MRG-1"), "MRG-1");
		String otherHospitals = priorPatient("2.5.1", "OTHERHOSP");
		add("A40 of another authority's patient",
				merge("2.5.1", otherHospitals).set("MRG-1", otherHospitals + "^^^OTHERHOSP^MR"),
				"different assigning authorities");
		String kept = priorPatient("2.5.1");
		String foreign = priorPatient("2.5.1", "OTHERHOSP");
		CorpusDraft mixed = merge("2.5.1", kept);
		mixed.append(new CorpusDraft("2.5.1", "A40").pid(mrn(), this.sequence).segment("PID"));
		mixed.append("MRG|" + foreign + "^^^OTHERHOSP^MR");
		add("A40 whose second pair crosses authorities", mixed, "different assigning authorities");
	}

	private void handWritten() {
		Properties refusals = new Properties();
		try (Stream<Path> files = Files.list(FILES).sorted()) {
			refusals.load(Files.newBufferedReader(FILES.resolve("refusals.properties")));
			for (Path file : files.filter(f -> f.toString().endsWith(".hl7")).toList()) {
				String name = file.getFileName().toString();
				this.messages.add(new CorpusMessage(name, Files.readAllBytes(file), refusals.getProperty(name)));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A patient the corpus admits first, so that an A40 has someone to merge. */
	private String priorPatient(String version) {
		return priorPatient(version, FACILITY);
	}

	private String priorPatient(String version, String authority) {
		String mrn = mrn();
		add("admission of " + mrn + " (to be merged)",
				visit("A01", version).set("PID-3", mrn + "^^^" + authority + "^MR"));
		return mrn;
	}

	private String mrn() {
		return "C" + (++this.sequence);
	}

	private CorpusDraft visit(String event, String version) {
		int n = ++this.sequence;
		return new CorpusDraft(version, event).msh("CORP-" + n).evn().pid("C" + n, n).pv1(event, "CV-" + n);
	}

	private CorpusDraft merge(String version, String prior) {
		int n = ++this.sequence;
		return new CorpusDraft(version, "A40").msh("CORP-" + n)
			.evn()
			.pid("C" + n, n)
			.segment("MRG", prior + "^^^" + FACILITY + "^MR", "ALT-" + prior + "^^^" + FACILITY + "^PI",
					"ACCT-" + prior, "", "PV-" + prior, "PVALT-" + prior, "Prior^Name");
	}

	private void add(String name, CorpusDraft draft) {
		add(name, draft, null);
	}

	private void add(String name, CorpusDraft draft, String refusedBecause) {
		this.messages.add(new CorpusMessage(name, draft.bytes(), refusedBecause));
	}

	/** A message being built: segments as lists of fields, changed field by field. */
	static final class CorpusDraft {

		private final String version;

		private final String event;

		private final List<List<String>> segments = new ArrayList<>();

		private final List<String> tail = new ArrayList<>();

		private String separator = "\r";

		private Charset charset = StandardCharsets.UTF_8;

		CorpusDraft(String version, String event) {
			this.version = version;
			this.event = event;
		}

		CorpusDraft msh(String controlId) {
			String type = "ADT^" + this.event;
			if (!this.version.equals("2.3")) {
				type += "^" + structure(this.event);
			}
			// MSH fields are numbered from MSH-1, the separator itself.
			return segment("MSH", "^~\\&", "NSCORPUS", FACILITY, "NORTHSTAR", "NORTHSTAR", "20260301101500", "", type,
					controlId, "P", this.version);
		}

		CorpusDraft evn() {
			return segment("EVN", this.event, "20260301101500", "", "", "jdoe^Doe^Jane", "20260301100500");
		}

		CorpusDraft pid(String mrn, int n) {
			String family = FAMILIES[n % FAMILIES.length];
			String given = GIVENS[(n / FAMILIES.length + n) % GIVENS.length];
			String[] fields = new String[30];
			Arrays.fill(fields, "");
			fields[0] = "1";
			fields[2] = mrn + "^^^" + FACILITY + "^MR";
			fields[4] = family + "^" + given + "^" + (char) ('A' + n % 26);
			fields[6] = String.format("%04d%02d%02d", 1930 + n % 80, 1 + n % 12, 1 + n % 28);
			fields[7] = n % 3 == 0 ? "M" : n % 3 == 1 ? "F" : "U";
			fields[10] = (10 + n) + " Birch Lane^Unit " + n + "^Millbrook^NY^" + (12500 + n % 100) + "^USA^H";
			fields[12] = "^PRN^PH^^^845^555" + String.format("%04d", n % 10000);
			fields[14] = n % 2 == 0 ? "en" : "es";
			fields[17] = "ACCT-" + n;
			fields[29] = n % 17 == 0 ? "Y" : "N";
			return segment("PID", fields);
		}

		CorpusDraft pv1(String event, String visit) {
			String[] fields = new String[45];
			Arrays.fill(fields, "");
			fields[0] = "1";
			fields[1] = switch (event) {
				case "A04" -> "E";
				case "A05" -> "P";
				case "A07" -> "O";
				default -> "I";
			};
			fields[2] = "5E^512^B^" + FACILITY;
			fields[6] = "2201^Ilunga^Thandi^^^DR";
			fields[9] = "MED";
			fields[13] = "7";
			fields[18] = visit;
			fields[35] = "01";
			fields[43] = "20260228083000";
			fields[44] = "20260301100000";
			return segment("PV1", fields);
		}

		CorpusDraft segment(String name, String... fields) {
			List<String> segment = new ArrayList<>();
			segment.add(name);
			if (name.equals("MSH")) {
				segment.add("|");
			}
			segment.addAll(Arrays.asList(fields));
			this.segments.add(segment);
			return this;
		}

		/** The last segment of that name, as text: to copy into another message. */
		String segment(String name) {
			for (int i = this.segments.size() - 1; i >= 0; i--) {
				if (this.segments.get(i).get(0).equals(name)) {
					return text(this.segments.get(i));
				}
			}
			throw new IllegalArgumentException(name);
		}

		/** Sets a field, {@code PID-5}, of the first segment of that name. */
		CorpusDraft set(String field, String value) {
			String name = field.substring(0, 3);
			int number = Integer.parseInt(field.substring(4));
			for (List<String> segment : this.segments) {
				if (segment.get(0).equals(name)) {
					while (segment.size() <= number) {
						segment.add("");
					}
					segment.set(number, value);
					return this;
				}
			}
			throw new IllegalArgumentException("no " + name + " to set " + field + " in");
		}

		CorpusDraft clear(String field) {
			return set(field, "");
		}

		CorpusDraft drop(String name) {
			this.segments.removeIf(segment -> segment.get(0).equals(name));
			return this;
		}

		CorpusDraft insertAfter(String name, String segmentText) {
			for (int i = 0; i < this.segments.size(); i++) {
				if (this.segments.get(i).get(0).equals(name)) {
					this.segments.add(i + 1, new ArrayList<>(List.of(segmentText.split("\\|", -1))));
					return this;
				}
			}
			throw new IllegalArgumentException(name);
		}

		CorpusDraft append(String segmentText) {
			this.tail.add(segmentText);
			return this;
		}

		CorpusDraft separator(String separator) {
			this.separator = separator;
			return this;
		}

		CorpusDraft charset(Charset charset) {
			this.charset = charset;
			return this;
		}

		byte[] bytes() {
			StringBuilder text = new StringBuilder();
			for (List<String> segment : this.segments) {
				text.append(text(segment)).append(this.separator);
			}
			for (String segment : this.tail) {
				text.append(segment).append(this.separator);
			}
			return text.toString().getBytes(this.charset);
		}

		private static String text(List<String> segment) {
			if (segment.get(0).equals("MSH")) {
				return "MSH|" + String.join("|", segment.subList(2, segment.size()));
			}
			return String.join("|", segment);
		}

		private static String structure(String event) {
			return switch (event) {
				case "A01", "A04", "A08", "A13" -> "ADT_A01";
				case "A02" -> "ADT_A02";
				case "A03" -> "ADT_A03";
				case "A05" -> "ADT_A05";
				case "A06", "A07" -> "ADT_A06";
				case "A11" -> "ADT_A09";
				case "A12" -> "ADT_A12";
				case "A40" -> "ADT_A39";
				default -> throw new IllegalArgumentException(event);
			};
		}

	}

}
