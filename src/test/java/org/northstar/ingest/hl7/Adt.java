package org.northstar.ingest.hl7;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Synthetic ADT messages that read like the domain:
 * {@code anAdmit().forPatient("MRN-1").visit("V-1").admittedAt("20260101080000").build()}.
 * Every message gets a fresh control id unless one is given.
 */
public final class Adt {

	private static final AtomicLong CONTROL_IDS = new AtomicLong(System.nanoTime() % 1_000_000_000L);

	private String event;

	private String messageType = "ADT";

	private String version = "2.5.1";

	private String application = "EPIC";

	private String facility = "GENHOSP";

	private String controlId = "T" + CONTROL_IDS.incrementAndGet();

	private String eventAt = "20260115120000";

	private String patientIdentifiers = "";

	/** The record number, under the sending facility whichever is set last. */
	private String mrn;

	private String name;

	private String birthDate;

	private String sex = "F";

	private String address;

	private String phone;

	private String patientClass = "I";

	private String location = "4W^401^A";

	private String attending = "1234^Carter^Anna";

	private String admitSource = "7";

	private String admissionType = "";

	private String hospitalService = "";

	private String visitNumber;

	private String dischargeDisposition = "";

	private String admittedAt = "";

	private String dischargedAt = "";

	private String prior;

	private boolean withPid = true;

	private boolean withPv1 = true;

	private final List<String> extraSegments = new ArrayList<>();

	private Adt(String event) {
		this.event = event;
	}

	public static Adt anAdmit() {
		return new Adt("A01");
	}

	public static Adt aTransfer() {
		return new Adt("A02");
	}

	public static Adt aDischarge() {
		return new Adt("A03").dischargeDisposition("01");
	}

	public static Adt aRegistration() {
		return new Adt("A04").patientClass("E").location("ED^12");
	}

	public static Adt aPreAdmit() {
		return new Adt("A05");
	}

	public static Adt anUpdate() {
		return new Adt("A08");
	}

	public static Adt anEvent(String event) {
		return new Adt(event);
	}

	/** A40: the patient in PID-3 survives, the one in MRG-1 is merged into it. */
	public static Adt aMerge(String survivor, String prior) {
		Adt merge = new Adt("A40").forPatient(survivor);
		merge.prior = prior;
		merge.withPv1 = false;
		return merge;
	}

	private static final String[] GIVEN_NAMES = { "Ada", "Bruno", "Chloe", "Dmitri", "Esther", "Farid", "Greta", "Hiro",
			"Ines", "Jonah", "Kamala", "Lev", "Mina", "Nils", "Odette", "Pavel", "Quinn", "Rosa", "Sven", "Tamsin",
			"Umar", "Vera", "Wendell", "Xiomara", "Yusuf", "Zelda" };

	/** Family names are made of two parts: 24 × 16 of them. */
	private static final String[] FAMILY_STARTS = { "Ash", "Bell", "Carr", "Dun", "Eld", "Fair", "Gal", "Hol", "Ing",
			"Jan", "Kov", "Lind", "Mar", "Nov", "Ok", "Pell", "Quin", "Ras", "Sza", "Tak", "Und", "Val", "Whit",
			"Yam" };

	private static final String[] FAMILY_ENDS = { "ford", "ington", "acre", "oski", "wood", "berg", "ami", "eau",
			"strom", "ada", "ley", "enko", "ardi", "opoulos", "son", "ani" };

	/**
	 * A patient of their own: unless the test names them, each record number gets its own
	 * name, birth date, address and phone, so record linkage keeps the tests' patients
	 * apart, as it would a hospital's.
	 */
	public Adt forPatient(String mrn) {
		this.mrn = mrn;
		// Each field drawn on its own, as in a real population: fields computed from one
		// number would agree together and make unrelated patients look alike.
		java.util.Random random = new java.util.Random(mrn.hashCode());
		if (this.name == null) {
			this.name = FAMILY_STARTS[random.nextInt(FAMILY_STARTS.length)]
					+ FAMILY_ENDS[random.nextInt(FAMILY_ENDS.length)] + "^"
					+ GIVEN_NAMES[random.nextInt(GIVEN_NAMES.length)];
		}
		if (this.birthDate == null) {
			this.birthDate = String.format("%04d%02d%02d", 1930 + random.nextInt(80), 1 + random.nextInt(12),
					1 + random.nextInt(28));
		}
		if (this.address == null) {
			this.address = (1 + random.nextInt(9000)) + " Test Street^^Springfield^IL^" + (62701 + random.nextInt(40));
		}
		if (this.phone == null) {
			this.phone = String.format("^PRN^PH^^^217^%07d", random.nextInt(10_000_000));
		}
		if (this.visitNumber == null) {
			this.visitNumber = "V-" + mrn;
		}
		return this;
	}

	public Adt identifiers(String pid3) {
		this.mrn = null;
		this.patientIdentifiers = pid3;
		return this;
	}

	public Adt named(String family, String given) {
		this.name = family + "^" + given;
		return this;
	}

	/** PID-11: street, city, state, postal code. */
	public Adt livingAt(String street, String city, String state, String postalCode) {
		this.address = street + "^^" + city + "^" + state + "^" + postalCode;
		return this;
	}

	/** PID-11 as it is sent: every repetition, every component. */
	public Adt address(String pid11) {
		this.address = pid11;
		return this;
	}

	public Adt born(String date) {
		this.birthDate = date;
		return this;
	}

	public Adt visit(String number) {
		this.visitNumber = number;
		return this;
	}

	public Adt version(String version) {
		this.version = version;
		return this;
	}

	public Adt from(String application, String facility) {
		this.application = application;
		this.facility = facility;
		return this;
	}

	public Adt controlId(String controlId) {
		this.controlId = controlId;
		return this;
	}

	public Adt at(String eventAt) {
		this.eventAt = eventAt;
		return this;
	}

	public Adt patientClass(String patientClass) {
		this.patientClass = patientClass;
		return this;
	}

	public Adt location(String location) {
		this.location = location;
		return this;
	}

	public Adt attending(String attending) {
		this.attending = attending;
		return this;
	}

	public Adt admitSource(String admitSource) {
		this.admitSource = admitSource;
		return this;
	}

	/** PV1-4 (HL7 table 0007: E emergency, U urgent, C elective...). */
	public Adt admissionType(String admissionType) {
		this.admissionType = admissionType;
		return this;
	}

	/** PV1-10 hospital service (MED, SUR, ONC...). */
	public Adt hospitalService(String hospitalService) {
		this.hospitalService = hospitalService;
		return this;
	}

	public Adt dischargeDisposition(String disposition) {
		this.dischargeDisposition = disposition;
		return this;
	}

	public Adt admittedAt(String time) {
		this.admittedAt = time;
		return this;
	}

	public Adt dischargedAt(String time) {
		this.dischargedAt = time;
		return this;
	}

	public Adt withoutPid() {
		this.withPid = false;
		return this;
	}

	public Adt withoutPv1() {
		this.withPv1 = false;
		return this;
	}

	public Adt withSegment(String segment) {
		this.extraSegments.add(segment);
		return this;
	}

	public Adt ofType(String messageType) {
		this.messageType = messageType;
		return this;
	}

	public String controlId() {
		return this.controlId;
	}

	public String build() {
		StringBuilder m = new StringBuilder();
		m.append("MSH|^~\\&|")
			.append(this.application)
			.append('|')
			.append(this.facility)
			.append("|NORTHSTAR|NORTHSTAR|")
			.append(this.eventAt)
			.append("||")
			.append(this.messageType)
			.append('^')
			.append(this.event)
			.append('|')
			.append(this.controlId)
			.append("|P|")
			.append(this.version)
			.append('\r');
		m.append("EVN|").append(this.event).append('|').append(this.eventAt).append('\r');
		if (this.withPid) {
			m.append("PID|1||")
				.append(this.mrn == null ? this.patientIdentifiers : this.mrn + "^^^" + this.facility + "^MR")
				.append("||")
				.append(this.name == null ? "Synthetic^Pat" : this.name)
				.append("||")
				.append(this.birthDate == null ? "19600101" : this.birthDate)
				.append('|')
				.append(this.sex)
				.append("|||")
				.append(this.address == null ? "1 Test Street^^Springfield^IL^62701" : this.address)
				.append("||")
				.append(this.phone == null ? "^PRN^PH^^^217^5550100" : this.phone)
				.append('\r');
		}
		if (this.prior != null) {
			m.append("MRG|").append(this.prior).append("^^^").append(this.facility).append("^MR\r");
		}
		if (this.withPv1) {
			String[] pv1 = new String[46];
			java.util.Arrays.fill(pv1, "");
			pv1[0] = "PV1";
			pv1[1] = "1";
			pv1[2] = this.patientClass;
			pv1[3] = this.location;
			pv1[4] = this.admissionType;
			pv1[7] = this.attending;
			pv1[10] = this.hospitalService;
			pv1[14] = this.admitSource;
			pv1[19] = this.visitNumber == null ? "" : this.visitNumber;
			pv1[36] = this.dischargeDisposition;
			pv1[44] = this.admittedAt;
			pv1[45] = this.dischargedAt;
			m.append(String.join("|", pv1)).append('\r');
		}
		this.extraSegments.forEach(segment -> m.append(segment).append('\r'));
		return m.toString();
	}

}
