package org.northstar.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.zip.ZipFile;

import com.fasterxml.jackson.databind.JsonNode;

import org.northstar.patient.PatientRecord;
import org.northstar.patient.linkage.LinkageRecord;
import org.northstar.support.SyntheaPopulation;

/**
 * A test set for record linkage with known truth: a population of people exported as
 * three "systems" (a hospital, a clinic, a pharmacy), each with its own record numbers
 * and realistic damage.
 *
 * <p>
 * The people: the 30 patients of the Synthea demo sample as they are, then as many more
 * as asked for, drawn from Synthea's own name lists ({@code names.yml}) and Massachusetts
 * postal codes ({@code geography/zipcodes.csv}) in the Synthea jar in the local Maven
 * repository, with street addresses built the way Synthea builds them. Among them: twins
 * (same family name, birth date, address and phone, another first name and SSN), spouses
 * (same family name, address and phone), and strangers who share a first and family name.
 *
 * <p>
 * Each person is in the hospital's export; 70% are in the clinic's and 40% in the
 * pharmacy's. Each export may mistype or shorten a name (Bill for William), change the
 * family name after a marriage, swap the birth day and month or mistype a digit, show a
 * new address or phone after a move, and leave out the SSN, phone, e-mail or sex.
 */
final class LinkageTestSet {

	private static final String SSN = "http://hl7.org/fhir/sid/us-ssn";

	private static final Path SYNTHEA_JAR = Path.of(System.getProperty("user.home"),
			".m2/repository/org/mitre/synthea/synthea/3.3.0/synthea-3.3.0.jar");

	/** One person, as the truth knows them. */
	record Person(int id, String given, String middle, String family, String sex, LocalDate born, String line,
			String city, String postal, String phone, String email, String ssn) {
	}

	/** What was generated: the records of every system, and whose each one is. */
	record TestSet(List<LinkageRecord> records, int[] personOf, int people, int twins, int strangers) {
	}

	/**
	 * Short forms people go by, kept apart from the matcher's own table so the test set
	 * does not grade the matcher on its own answers; a few (Sasha, Hal, Kit, Trudy) are
	 * not in the matcher's table.
	 */
	private static final Map<String, List<String>> NICKNAMES = Map.ofEntries(
			Map.entry("William", List.of("Bill", "Will", "Billy")), Map.entry("Robert", List.of("Bob", "Rob", "Bobby")),
			Map.entry("Richard", List.of("Rick", "Dick")), Map.entry("James", List.of("Jim", "Jimmy")),
			Map.entry("John", List.of("Jack", "Johnny")), Map.entry("Joseph", List.of("Joe")),
			Map.entry("Michael", List.of("Mike")), Map.entry("Thomas", List.of("Tom", "Tommy")),
			Map.entry("Charles", List.of("Charlie", "Chuck")), Map.entry("Edward", List.of("Ed", "Ted")),
			Map.entry("Anthony", List.of("Tony")), Map.entry("Daniel", List.of("Dan", "Danny")),
			Map.entry("David", List.of("Dave")), Map.entry("Steven", List.of("Steve")),
			Map.entry("Christopher", List.of("Chris", "Kit")), Map.entry("Matthew", List.of("Matt")),
			Map.entry("Nicholas", List.of("Nick")), Map.entry("Andrew", List.of("Andy", "Drew")),
			Map.entry("Benjamin", List.of("Ben")), Map.entry("Samuel", List.of("Sam")),
			Map.entry("Alexander", List.of("Alex", "Sasha")), Map.entry("Henry", List.of("Hank", "Hal")),
			Map.entry("Elizabeth", List.of("Liz", "Beth", "Betty")), Map.entry("Margaret", List.of("Maggie", "Peggy")),
			Map.entry("Katherine", List.of("Kate", "Kathy")), Map.entry("Jennifer", List.of("Jen", "Jenny")),
			Map.entry("Rebecca", List.of("Becky")), Map.entry("Susan", List.of("Sue")),
			Map.entry("Patricia", List.of("Pat", "Trish")), Map.entry("Deborah", List.of("Debbie")),
			Map.entry("Barbara", List.of("Barb")), Map.entry("Dorothy", List.of("Dot")),
			Map.entry("Gertrude", List.of("Trudy")), Map.entry("Victoria", List.of("Vicky")),
			Map.entry("Christine", List.of("Chris", "Tina")));

	private final Random random;

	private final List<String> male = new ArrayList<>();

	private final List<String> female = new ArrayList<>();

	private final List<String> family = new ArrayList<>();

	private final List<String> streetTypes = new ArrayList<>();

	private final List<String[]> places = new ArrayList<>();

	private int ssnCounter;

	LinkageTestSet(long seed) {
		this.random = new Random(seed);
		this.ssnCounter = 1_000_000 + this.random.nextInt(1_000_000);
		readSyntheaLists();
	}

	/** About {@code records} records in all, from three systems. */
	TestSet generate(int records) {
		int target = (int) Math.round(records / 2.1);
		List<Person> people = new ArrayList<>(target + target / 10);
		for (Path file : SyntheaPopulation.patientFiles(SyntheaPopulation.SAMPLE)) {
			if (people.size() < target) {
				people.add(fromSynthea(people.size(), SyntheaPopulation.read(file)));
			}
		}
		int twins = 0;
		int strangers = 0;
		while (people.size() < target) {
			Person p = newPerson(people.size());
			people.add(p);
			double roll = this.random.nextDouble();
			if (roll < 0.02 && people.size() < target) {
				people.add(twinOf(people.size(), p));
				twins++;
			}
			else if (roll < 0.04 && people.size() < target) {
				people.add(strangerNamedAs(people.size(), p));
				strangers++;
			}
			else if (roll < 0.07 && people.size() < target) {
				people.add(spouseOf(people.size(), p));
			}
		}
		List<LinkageRecord> out = new ArrayList<>();
		List<Integer> owners = new ArrayList<>();
		for (Person p : people) {
			out.add(export(p, "hospital", 0.8, 0.5));
			owners.add(p.id());
			if (this.random.nextDouble() < 0.7) {
				out.add(export(p, "clinic", 0.4, 1));
				owners.add(p.id());
			}
			if (this.random.nextDouble() < 0.4) {
				out.add(export(p, "pharmacy", 0.2, 1));
				owners.add(p.id());
			}
		}
		return new TestSet(out, owners.stream().mapToInt(Integer::intValue).toArray(), people.size(), twins, strangers);
	}

	/**
	 * One system's record of the person.
	 * @param ssnShare how often this system holds the SSN
	 * @param damage how much of the usual damage this system does (the hospital is
	 * careful)
	 */
	private LinkageRecord export(Person p, String system, double ssnShare, double damage) {
		String given = p.given();
		double r = this.random.nextDouble() / damage;
		List<String> nicknames = NICKNAMES.get(given);
		if (r < 0.12 && nicknames != null) {
			given = nicknames.get(this.random.nextInt(nicknames.size()));
		}
		else if (r < 0.18) {
			given = typo(given);
		}
		else if (r < 0.19 && p.middle() != null) {
			given = p.middle();
		}
		else if (r < 0.20) {
			given = given.substring(0, 1);
		}
		else if (p.middle() != null && this.random.nextDouble() < 0.3) {
			given = given + " " + p.middle();
		}
		String family = p.family();
		r = this.random.nextDouble() / damage;
		if (r < 0.05) {
			family = typo(family);
		}
		else if (r < 0.07 && "female".equals(p.sex())) {
			family = pick(this.family);
		}
		LocalDate born = p.born();
		r = this.random.nextDouble() / damage;
		if (r < 0.02 && born.getDayOfMonth() <= 12) {
			born = LocalDate.of(born.getYear(), born.getDayOfMonth(), born.getMonthValue());
		}
		else if (r < 0.04) {
			born = mistypedDate(born);
		}
		else if (r < 0.05) {
			born = null;
		}
		String line = p.line();
		String city = p.city();
		String postal = p.postal();
		String phone = p.phone();
		r = this.random.nextDouble() / damage;
		if (r < 0.15) {
			String[] place = pick(this.places);
			line = streetAddress();
			city = place[0];
			postal = place[1];
			phone = this.random.nextDouble() < 0.5 ? phone() : phone;
		}
		else if (r < 0.20) {
			line = typo(line);
		}
		else if (r < 0.25) {
			line = null;
		}
		r = this.random.nextDouble() / damage;
		if (r < 0.10) {
			phone = phone();
		}
		else if (r < 0.12 && phone != null) {
			phone = typo(phone);
		}
		else if (r < 0.22) {
			phone = null;
		}
		String email = this.random.nextDouble() < 0.5 ? p.email() : null;
		String sex = this.random.nextDouble() < 0.03 * damage ? null : p.sex();
		List<PatientRecord.Identifier> identifiers = new ArrayList<>();
		identifiers.add(new PatientRecord.Identifier("urn:northstar:test:" + system + ":mrn",
				system.charAt(0) + Integer.toString(100_000_000 + p.id() * 7 + system.length()), "MR"));
		if (p.ssn() != null && this.random.nextDouble() < ssnShare) {
			String ssn = this.random.nextDouble() < 0.01 ? typo(p.ssn()) : p.ssn();
			identifiers.add(new PatientRecord.Identifier(SSN, ssn, "SS"));
		}
		return LinkageRecord.of(UUID.randomUUID(), system, family, given, born, sex, line, postal, phone, email,
				identifiers);
	}

	private Person fromSynthea(int id, JsonNode bundle) {
		JsonNode patient = bundle.path("entry").path(0).path("resource");
		JsonNode name = patient.path("name").path(0);
		JsonNode address = patient.path("address").path(0);
		String ssn = null;
		for (JsonNode identifier : patient.path("identifier")) {
			if (SSN.equals(identifier.path("system").asText())) {
				ssn = identifier.path("value").asText();
			}
		}
		String given = stripDigits(name.path("given").path(0).asText());
		String middle = name.path("given").size() > 1 ? stripDigits(name.path("given").path(1).asText()) : null;
		String familyName = stripDigits(name.path("family").asText());
		return new Person(id, given, middle, familyName, patient.path("gender").asText(null),
				LocalDate.parse(patient.path("birthDate").asText()), address.path("line").path(0).asText(null),
				address.path("city").asText(null), address.path("postalCode").asText(null),
				patient.path("telecom").path(0).path("value").asText(null), email(given, familyName), ssn);
	}

	private Person newPerson(int id) {
		boolean isFemale = this.random.nextBoolean();
		String given = pick(isFemale ? this.female : this.male);
		String middle = this.random.nextDouble() < 0.5 ? pick(isFemale ? this.female : this.male) : null;
		String familyName = pick(this.family);
		String[] place = pick(this.places);
		LocalDate born = LocalDate.of(1930, 1, 1).plusDays(this.random.nextInt(365 * 95));
		return new Person(id, given, middle, familyName, isFemale ? "female" : "male", born, streetAddress(), place[0],
				place[1], phone(), this.random.nextDouble() < 0.6 ? email(given, familyName) : null, ssn());
	}

	private Person twinOf(int id, Person p) {
		boolean isFemale = this.random.nextBoolean();
		String given;
		do {
			given = pick(isFemale ? this.female : this.male);
		}
		while (given.charAt(0) == p.given().charAt(0));
		return new Person(id, given, null, p.family(), isFemale ? "female" : "male", p.born(), p.line(), p.city(),
				p.postal(), p.phone(), null, ssn());
	}

	private Person spouseOf(int id, Person p) {
		boolean isFemale = !"female".equals(p.sex());
		String given = pick(isFemale ? this.female : this.male);
		return new Person(id, given, null, p.family(), isFemale ? "female" : "male",
				p.born().plusDays(this.random.nextInt(3650) - 1825), p.line(), p.city(), p.postal(), p.phone(),
				email(given, p.family()), ssn());
	}

	private Person strangerNamedAs(int id, Person p) {
		String[] place = pick(this.places);
		return new Person(id, p.given(), null, p.family(), p.sex(),
				LocalDate.of(1930, 1, 1).plusDays(this.random.nextInt(365 * 95)), streetAddress(), place[0], place[1],
				phone(), null, ssn());
	}

	private LocalDate mistypedDate(LocalDate born) {
		for (int attempt = 0; attempt < 10; attempt++) {
			char[] digits = born.toString().replace("-", "").toCharArray();
			int at = 2 + this.random.nextInt(6);
			digits[at] = (char) ('0' + this.random.nextInt(10));
			String s = new String(digits);
			try {
				LocalDate d = LocalDate.of(Integer.parseInt(s.substring(0, 4)), Integer.parseInt(s.substring(4, 6)),
						Integer.parseInt(s.substring(6, 8)));
				if (!d.equals(born)) {
					return d;
				}
			}
			catch (java.time.DateTimeException ex) {
				// not a date: try another digit
			}
		}
		return born;
	}

	/** One slip of the key: a letter dropped, doubled, replaced, or two swapped. */
	private String typo(String s) {
		if (s == null || s.length() < 3) {
			return s;
		}
		int at = 1 + this.random.nextInt(s.length() - 2);
		char[] c = s.toCharArray();
		switch (this.random.nextInt(4)) {
			case 0:
				return s.substring(0, at) + s.substring(at + 1);
			case 1:
				return s.substring(0, at) + c[at] + s.substring(at);
			case 2:
				char replacement = Character.isDigit(c[at]) ? (char) ('0' + this.random.nextInt(10))
						: (char) ('a' + this.random.nextInt(26));
				c[at] = replacement;
				return new String(c);
			default:
				char t = c[at];
				c[at] = c[at + 1];
				c[at + 1] = t;
				return new String(c);
		}
	}

	private String streetAddress() {
		String line = (1 + this.random.nextInt(9999)) + " " + pick(this.family) + " " + pick(this.streetTypes);
		return this.random.nextDouble() < 0.2 ? line + " Unit " + (1 + this.random.nextInt(99)) : line;
	}

	private String phone() {
		return "555-" + (100 + this.random.nextInt(900)) + "-" + (1000 + this.random.nextInt(9000));
	}

	private String ssn() {
		int n = this.ssnCounter++;
		// 998-: the Synthea sample's own SSNs are all 999-.
		return String.format("998-%02d-%04d", n / 10_000 % 100, n % 10_000);
	}

	private String email(String given, String family) {
		return given.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "") + "."
				+ family.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "") + this.random.nextInt(1000) + "@example.com";
	}

	private <T> T pick(List<T> list) {
		return list.get(this.random.nextInt(list.size()));
	}

	private static String stripDigits(String s) {
		return s.replaceAll("[0-9]", "");
	}

	private void readSyntheaLists() {
		if (!Files.isReadable(SYNTHEA_JAR)) {
			throw new IllegalStateException("The linkage test set needs Synthea's name lists in " + SYNTHEA_JAR
					+ ": run ./northstar generate once, or mvn dependency:get -Dartifact=org.mitre.synthea:synthea:3.3.0");
		}
		try (ZipFile jar = new ZipFile(SYNTHEA_JAR.toFile())) {
			Map<String, List<String>> lists = new HashMap<>();
			String section = "";
			for (String line : read(jar, "names.yml").split("\n")) {
				if (!line.startsWith(" ") && line.endsWith(":")) {
					section = line.substring(0, line.length() - 1);
				}
				else if (line.startsWith("  ") && line.contains(": [")) {
					String key = section + "." + line.strip().substring(0, line.strip().indexOf(':'));
					String values = line.substring(line.indexOf('[') + 1, line.lastIndexOf(']'));
					Arrays.stream(values.split(","))
						.map(String::strip)
						.filter(v -> !v.isEmpty())
						.forEach(v -> lists.computeIfAbsent(key, k -> new ArrayList<>()).add(v));
				}
			}
			this.male.addAll(lists.get("english.M"));
			this.male.addAll(lists.get("spanish.M"));
			this.female.addAll(lists.get("english.F"));
			this.female.addAll(lists.get("spanish.F"));
			this.family.addAll(lists.get("english.family"));
			this.family.addAll(lists.get("spanish.family"));
			this.streetTypes.addAll(lists.get("street.type"));
			for (String line : read(jar, "geography/zipcodes.csv").split("\n")) {
				String[] cells = line.split(",");
				if (cells.length > 4 && "MA".equals(cells[2]) && !cells[4].isBlank()) {
					this.places.add(new String[] { cells[3], cells[4] });
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String read(ZipFile jar, String entry) throws IOException {
		try (InputStream in = jar.getInputStream(jar.getEntry(entry))) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

}
