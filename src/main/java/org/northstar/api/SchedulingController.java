package org.northstar.api;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import jakarta.servlet.http.HttpServletRequest;
import org.northstar.audit.AuditAction;
import org.northstar.audit.AuditRecord;
import org.northstar.audit.AuditTrail;
import org.northstar.scheduling.Appointment;
import org.northstar.scheduling.Appointments;
import org.northstar.scheduling.Choreographer;
import org.northstar.scheduling.Clinics;
import org.northstar.scheduling.Commitment;
import org.northstar.scheduling.Commitments;
import org.northstar.scheduling.Conflict;
import org.northstar.scheduling.Coordinates;
import org.northstar.scheduling.InvalidScheduleException;
import org.northstar.scheduling.NeededVisit;
import org.northstar.scheduling.NewAppointment;
import org.northstar.scheduling.Place;
import org.northstar.scheduling.Preferences;
import org.northstar.scheduling.Proposal;
import org.northstar.scheduling.ScheduleRequest;
import org.northstar.scheduling.TelehealthReadiness;
import org.northstar.scheduling.Transport;
import org.northstar.scheduling.TravelAndPreferences;
import org.northstar.scheduling.VisitMode;
import org.northstar.scheduling.VisitOrder;
import org.northstar.shared.PatientId;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Appointment choreography for other tools (issue 17): a person's commitments and travel,
 * proposals, conflict checks and bookings. Days are written {@code MON}..{@code SUN},
 * times of day {@code HH:mm} in the practice's zone, instants ISO 8601 with an offset. A
 * refused field is named in the problem's {@code field}; nothing of a refused request is
 * stored.
 */
@RestController
class SchedulingController {

	private final CareAccess access;

	private final Commitments commitments;

	private final Appointments appointments;

	private final Choreographer choreographer;

	private final Clinics clinics;

	private final AuditTrail audit;

	SchedulingController(CareAccess access, Commitments commitments, Appointments appointments,
			Choreographer choreographer, Clinics clinics, AuditTrail audit) {
		this.access = access;
		this.commitments = commitments;
		this.appointments = appointments;
		this.choreographer = choreographer;
		this.clinics = clinics;
		this.audit = audit;
	}

	@GetMapping("/api/patients/{id}/commitments")
	List<CommitmentJson> commitments(@PathVariable String id, HttpServletRequest http) {
		this.access.openToRead(this.access.caller(http), id, "commitments");
		return this.commitments.of(CareAccess.patientId(id)).stream().map(CommitmentJson::of).toList();
	}

	@PutMapping("/api/patients/{id}/commitments")
	List<CommitmentJson> replaceCommitments(@PathVariable String id, @RequestBody List<CommitmentJson> body,
			HttpServletRequest http) {
		List<Commitment> parsed = new ArrayList<>();
		for (int i = 0; i < body.size(); i++) {
			parsed.add(field("commitments[" + i + "]", body.get(i), CommitmentJson::commitment));
		}
		PatientId patient = this.access.openToWrite(this.access.caller(http), id, AuditAction.UPDATE,
				"commitments (" + parsed.size() + ")");
		this.commitments.replace(patient, parsed);
		return this.commitments.of(patient).stream().map(CommitmentJson::of).toList();
	}

	@GetMapping("/api/patients/{id}/travel")
	TravelJson travel(@PathVariable String id, HttpServletRequest http) {
		this.access.openToRead(this.access.caller(http), id, "travel and preferences");
		return TravelJson.of(this.commitments.travelOf(CareAccess.patientId(id)).orElse(TravelAndPreferences.NONE));
	}

	@PutMapping("/api/patients/{id}/travel")
	TravelJson replaceTravel(@PathVariable String id, @RequestBody TravelJson body, HttpServletRequest http) {
		TravelAndPreferences parsed = field(null, body, TravelJson::travel);
		CareAccess.Caller caller = this.access.caller(http);
		PatientId patient = this.access.openToWrite(caller, id, AuditAction.UPDATE, "travel and preferences");
		this.commitments.saveTravel(patient, parsed, caller.username());
		return TravelJson.of(this.commitments.travelOf(patient).orElseThrow());
	}

	@PostMapping("/api/patients/{id}/schedule-proposals")
	ProposalJson propose(@PathVariable String id, @RequestBody ProposalRequestJson body, HttpServletRequest http) {
		ScheduleRequest request = field(null, body, ProposalRequestJson::request);
		this.access.openToRead(this.access.caller(http), id, "a schedule proposal");
		return ProposalJson.of(this.choreographer.propose(CareAccess.patientId(id), request));
	}

	@PostMapping("/api/appointments/check")
	CheckJson check(@RequestBody CheckRequestJson body, HttpServletRequest http) {
		if (body.patient() == null) {
			throw new InvalidScheduleException("patient", "A check needs the patient's id");
		}
		ZonedDateTime start = instant("start", body.start());
		ZonedDateTime end = instant("end", body.end());
		VisitMode mode = mode("mode", body.mode());
		this.access.openToRead(this.access.caller(http), body.patient(), "an appointment check");
		List<Conflict> conflicts = this.appointments.check(CareAccess.patientId(body.patient()), body.provider(),
				body.location(), start, end, mode, null);
		return new CheckJson(conflicts.stream().map(ConflictJson::of).toList());
	}

	@GetMapping("/api/patients/{id}/appointments")
	List<AppointmentJson> appointments(@PathVariable String id, HttpServletRequest http) {
		this.access.openToRead(this.access.caller(http), id, "appointments");
		return this.appointments.of(CareAccess.patientId(id)).stream().map(AppointmentJson::of).toList();
	}

	@PostMapping("/api/patients/{id}/appointments")
	@ResponseStatus(HttpStatus.CREATED)
	BookingJson book(@PathVariable String id, @RequestBody BookingRequestJson body, HttpServletRequest http) {
		ZonedDateTime start = instant("start", body.start());
		ZonedDateTime end = instant("end", body.end());
		VisitMode mode = mode("mode", body.mode());
		UUID replacing = body.replacing() == null ? null : uuid("replacing", body.replacing());
		CareAccess.Caller caller = this.access.caller(http);
		PatientId patient = this.access.openToWrite(caller, id, AuditAction.CREATE,
				"booking a " + body.type() + " appointment");
		Appointments.Booking booking = this.appointments.book(new NewAppointment(patient, body.provider(),
				body.location(), body.type(), start, end, mode, body.overrideReason(), replacing), caller.username());
		if (!booking.overridden().isEmpty()) {
			this.audit.record(new AuditRecord(caller.username(), caller.user().roleNames(), AuditAction.CREATE, patient,
					"appointment " + booking.appointment().id() + " booked despite "
							+ String.join("; ", booking.overridden().stream().map(Conflict::explanation).toList()),
					caller.address(), AuditRecord.Outcome.SUCCESS, false, booking.appointment().overrideReason()));
		}
		return new BookingJson(AppointmentJson.of(booking.appointment()),
				booking.overridden().stream().map(ConflictJson::of).toList());
	}

	@GetMapping("/api/patients/{id}/telehealth-readiness")
	ReadinessJson telehealthReadiness(@PathVariable String id, HttpServletRequest http) {
		this.access.openToRead(this.access.caller(http), id, "telehealth readiness");
		return this.commitments.telehealthOf(CareAccess.patientId(id)).map(ReadinessJson::of).orElse(null);
	}

	@PutMapping("/api/patients/{id}/telehealth-readiness")
	ReadinessJson replaceTelehealthReadiness(@PathVariable String id, @RequestBody ReadinessJson body,
			HttpServletRequest http) {
		TelehealthReadiness parsed = field(null, body, ReadinessJson::readiness);
		CareAccess.Caller caller = this.access.caller(http);
		PatientId patient = this.access.openToWrite(caller, id, AuditAction.UPDATE, "telehealth readiness");
		this.commitments.saveTelehealth(patient, parsed, caller.username());
		return ReadinessJson.of(this.commitments.telehealthOf(patient).orElseThrow());
	}

	/**
	 * A video visit that could not take place: marked, and the same visit proposed again
	 * by phone or in person.
	 */
	@PostMapping("/api/patients/{id}/appointments/{appointment}/video-failed")
	FallbackJson videoFailed(@PathVariable String id, @PathVariable String appointment, HttpServletRequest http) {
		UUID failed = uuid("appointment", appointment);
		PatientId patient = this.access.openToWrite(this.access.caller(http), id, AuditAction.UPDATE,
				"video visit " + failed + " failed");
		Appointment marked = this.appointments.videoFailed(patient, failed);
		return new FallbackJson(AppointmentJson.of(marked),
				ProposalJson.of(this.choreographer.fallbackFor(patient, marked)));
	}

	record FallbackJson(AppointmentJson appointment, ProposalJson proposal) {
	}

	record ReadinessJson(Boolean device, Boolean connection, Boolean ableToUse, Boolean privateSpace, Boolean helper,
			Boolean ready, List<String> missing) {

		TelehealthReadiness readiness() {
			return new TelehealthReadiness(answer("device", this.device), answer("connection", this.connection),
					answer("ableToUse", this.ableToUse), answer("privateSpace", this.privateSpace),
					answer("helper", this.helper));
		}

		private static boolean answer(String field, Boolean value) {
			if (value == null) {
				throw new InvalidScheduleException(field, "The checklist needs every answer: " + field
						+ " is missing (device, connection, ableToUse, privateSpace, helper)");
			}
			return value;
		}

		static ReadinessJson of(TelehealthReadiness r) {
			return new ReadinessJson(r.device(), r.connection(), r.ableToUse(), r.privateSpace(), r.helper(), r.ready(),
					r.missing());
		}

	}

	@GetMapping("/api/providers")
	List<ProviderJson> providers(HttpServletRequest http) {
		this.access.caller(http);
		return this.clinics.providers()
			.stream()
			.map(p -> new ProviderJson(p.id(), p.name(), p.specialty(), p.location().id(), p.location().name(),
					p.telehealth()))
			.toList();
	}

	/** Parses a part of a request, naming its fields inside {@code parent}. */
	private static <T, R> R field(String parent, T json, Function<T, R> parse) {
		if (json == null) {
			throw new InvalidScheduleException(parent, "Missing: " + (parent == null ? "the body" : parent));
		}
		try {
			return parse.apply(json);
		}
		catch (InvalidScheduleException ex) {
			if (parent == null) {
				throw ex;
			}
			throw new InvalidScheduleException(ex.field() == null ? parent : parent + "." + ex.field(),
					ex.getMessage());
		}
	}

	static LocalTime time(String field, String value) {
		if (value == null) {
			return null;
		}
		try {
			return LocalTime.parse(value);
		}
		catch (DateTimeException ex) {
			throw new InvalidScheduleException(field, "'" + value + "' is not a time of day (HH:mm)");
		}
	}

	static LocalDate date(String field, String value) {
		if (value == null) {
			return null;
		}
		try {
			return LocalDate.parse(value);
		}
		catch (DateTimeException ex) {
			throw new InvalidScheduleException(field, "'" + value + "' is not a date (yyyy-mm-dd)");
		}
	}

	static ZonedDateTime instant(String field, String value) {
		if (value == null) {
			throw new InvalidScheduleException(field, "Missing: " + field + " (ISO 8601 with offset)");
		}
		try {
			return OffsetDateTime.parse(value).toZonedDateTime();
		}
		catch (DateTimeException ex) {
			throw new InvalidScheduleException(field,
					"'" + value + "' is not a date and time with an offset (2026-12-01T09:30:00-05:00)");
		}
	}

	static Set<DayOfWeek> weekdays(String field, List<String> values) {
		Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
		if (values == null) {
			return days;
		}
		for (int i = 0; i < values.size(); i++) {
			String v = values.get(i) == null ? "" : values.get(i).strip().toUpperCase(Locale.ROOT);
			DayOfWeek day = null;
			for (DayOfWeek d : DayOfWeek.values()) {
				if (d.name().startsWith(v) && v.length() >= 3) {
					day = d;
				}
			}
			if (day == null) {
				throw new InvalidScheduleException(field + "[" + i + "]",
						"'" + values.get(i) + "' is not a weekday (MON, TUE, WED, THU, FRI, SAT, SUN)");
			}
			days.add(day);
		}
		return days;
	}

	static VisitMode mode(String field, String value) {
		if (value == null) {
			return VisitMode.IN_PERSON;
		}
		try {
			return VisitMode.valueOf(value.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidScheduleException(field, "'" + value + "' is not a mode (IN_PERSON, TELEHEALTH, PHONE)");
		}
	}

	static UUID uuid(String field, String value) {
		try {
			return UUID.fromString(value);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidScheduleException(field, "'" + value + "' is not an appointment id");
		}
	}

	static String day(DayOfWeek day) {
		return day.name().substring(0, 3);
	}

	record CommitmentJson(String kind, String label, List<String> days, List<String> dates, String start, String end,
			Integer bufferAfterMinutes, Integer everyWeeks, String from, String until, String address, Double latitude,
			Double longitude) {

		Commitment commitment() {
			Commitment.Kind k;
			try {
				k = this.kind == null ? null : Commitment.Kind.valueOf(this.kind.strip().toUpperCase(Locale.ROOT));
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidScheduleException("kind",
						"'" + this.kind + "' is not a kind of commitment (DIALYSIS, WORK, CAREGIVING, SCHOOL, OTHER)");
			}
			List<LocalDate> parsedDates = new ArrayList<>();
			if (this.dates != null) {
				for (int i = 0; i < this.dates.size(); i++) {
					parsedDates.add(date("dates[" + i + "]", this.dates.get(i)));
				}
			}
			return new Commitment(k, this.label, weekdays("days", this.days), parsedDates, time("start", this.start),
					time("end", this.end), this.bufferAfterMinutes == null ? 0 : this.bufferAfterMinutes,
					this.everyWeeks == null ? 1 : this.everyWeeks, date("from", this.from), date("until", this.until),
					place());
		}

		/**
		 * Where it happens: none without coordinates; an address alone cannot be timed.
		 */
		private Place place() {
			if (this.latitude == null && this.longitude == null) {
				if (this.address != null && !this.address.isBlank()) {
					throw new InvalidScheduleException("latitude",
							"A commitment's address needs its latitude and longitude, for travel times");
				}
				return null;
			}
			if (this.latitude == null || this.longitude == null) {
				throw new InvalidScheduleException(this.latitude == null ? "latitude" : "longitude",
						"A commitment's place needs both its latitude and its longitude");
			}
			return new Place(this.address, new Coordinates(this.latitude, this.longitude));
		}

		static CommitmentJson of(Commitment c) {
			return new CommitmentJson(c.kind().name(), c.label(),
					c.days().stream().sorted().map(SchedulingController::day).toList(),
					c.dates().stream().map(LocalDate::toString).toList(), c.start().toString(), c.end().toString(),
					c.bufferAfterMinutes(), c.everyWeeks(), c.from() == null ? null : c.from().toString(),
					c.until() == null ? null : c.until().toString(), c.place() == null ? null : c.place().address(),
					c.place() == null ? null : c.place().coordinates().latitude(),
					c.place() == null ? null : c.place().coordinates().longitude());
		}

	}

	record TravelJson(Boolean needsRide, Integer rideLeadHours, Integer rideNoticeBusinessDays, String rideNoticeCutoff,
			String rideStarts, String rideEnds, List<String> rideDays, Boolean transitOnly, Integer maxTripMinutes,
			Double homeLatitude, Double homeLongitude, Boolean prefersEvenings, Boolean prefersSaturdays,
			Boolean severalVisitsPerDay, String language, Boolean languageRequired) {

		TravelAndPreferences travel() {
			Coordinates home = null;
			if (this.homeLatitude != null || this.homeLongitude != null) {
				if (this.homeLatitude == null || this.homeLongitude == null) {
					throw new InvalidScheduleException(this.homeLatitude == null ? "homeLatitude" : "homeLongitude",
							"A home location needs both its latitude and its longitude");
				}
				try {
					home = new Coordinates(this.homeLatitude, this.homeLongitude);
				}
				catch (InvalidScheduleException ex) {
					throw new InvalidScheduleException(
							"home" + Character.toUpperCase(ex.field().charAt(0)) + ex.field().substring(1),
							ex.getMessage());
				}
			}
			Transport transport = new Transport(Boolean.TRUE.equals(this.needsRide),
					this.rideLeadHours == null ? 0 : this.rideLeadHours,
					this.rideNoticeBusinessDays == null ? 0 : this.rideNoticeBusinessDays,
					time("rideNoticeCutoff", this.rideNoticeCutoff), time("rideStarts", this.rideStarts),
					time("rideEnds", this.rideEnds), weekdays("rideDays", this.rideDays),
					Boolean.TRUE.equals(this.transitOnly), this.maxTripMinutes, home);
			Preferences preferences = new Preferences(Boolean.TRUE.equals(this.prefersEvenings),
					Boolean.TRUE.equals(this.prefersSaturdays), !Boolean.FALSE.equals(this.severalVisitsPerDay),
					this.language, Boolean.TRUE.equals(this.languageRequired));
			return new TravelAndPreferences(transport, preferences);
		}

		static TravelJson of(TravelAndPreferences t) {
			Transport r = t.transport();
			Preferences p = t.preferences();
			return new TravelJson(r.needsRide(), r.rideLeadHours(), r.rideNoticeBusinessDays(),
					r.rideNoticeCutoff() == null ? null : r.rideNoticeCutoff().toString(),
					r.rideStarts() == null ? null : r.rideStarts().toString(),
					r.rideEnds() == null ? null : r.rideEnds().toString(),
					r.rideDays().stream().sorted().map(SchedulingController::day).toList(), r.transitOnly(),
					r.maxTripMinutes(), r.home() == null ? null : r.home().latitude(),
					r.home() == null ? null : r.home().longitude(), p.evenings(), p.saturdays(),
					p.severalVisitsPerDay(), p.language(), p.languageRequired());
		}

	}

	record VisitJson(String type, String provider, Integer durationMinutes, String earliest, String latest,
			List<String> modes) {

		NeededVisit visit() {
			Set<VisitMode> parsed = EnumSet.noneOf(VisitMode.class);
			if (this.modes != null) {
				for (int i = 0; i < this.modes.size(); i++) {
					parsed.add(mode("modes[" + i + "]", this.modes.get(i)));
				}
			}
			return new NeededVisit(this.type, this.provider, this.durationMinutes, date("earliest", this.earliest),
					date("latest", this.latest), parsed);
		}

	}

	record OrderJson(String before, String after, Integer minDays) {

		VisitOrder order() {
			return new VisitOrder(this.before, this.after, this.minDays == null ? 0 : this.minDays);
		}

	}

	record ProposalRequestJson(List<VisitJson> visits, List<OrderJson> order, Integer timeLimitSeconds, Long seed) {

		ScheduleRequest request() {
			if (this.visits == null || this.visits.isEmpty()) {
				throw new InvalidScheduleException("visits", "A proposal needs at least one visit");
			}
			List<NeededVisit> parsed = new ArrayList<>();
			for (int i = 0; i < this.visits.size(); i++) {
				parsed.add(field("visits[" + i + "]", this.visits.get(i), VisitJson::visit));
			}
			List<VisitOrder> orders = new ArrayList<>();
			if (this.order != null) {
				for (int i = 0; i < this.order.size(); i++) {
					orders.add(field("order[" + i + "]", this.order.get(i), OrderJson::order));
				}
			}
			if (this.timeLimitSeconds != null && (this.timeLimitSeconds < 1 || this.timeLimitSeconds > 60)) {
				throw new InvalidScheduleException("timeLimitSeconds",
						"The time limit is 1 to 60 seconds, not " + this.timeLimitSeconds);
			}
			return new ScheduleRequest(parsed, orders,
					this.timeLimitSeconds == null ? null : Duration.ofSeconds(this.timeLimitSeconds),
					this.seed == null ? 0 : this.seed, null);
		}

	}

	record PlacedJson(String type, OffsetDateTime start, OffsetDateTime end, String location, String provider,
			String mode, String locationName, String providerName, List<String> notes) {
	}

	record UnplacedJson(String type, String reason) {
	}

	record ProposalJson(List<PlacedJson> visits, int trips, List<UnplacedJson> unplaced) {

		static ProposalJson of(Proposal p) {
			return new ProposalJson(
					p.visits()
						.stream()
						.map(v -> new PlacedJson(v.type(), v.start().toOffsetDateTime(), v.end().toOffsetDateTime(),
								v.location() == null ? null : v.location().id(), v.provider().id(), v.mode().name(),
								v.location() == null ? null : v.location().name(), v.provider().name(), v.notes()))
						.toList(),
					p.trips(), p.unplaced().stream().map(u -> new UnplacedJson(u.type(), u.reason())).toList());
		}

	}

	record CheckRequestJson(String patient, String start, String end, String location, String provider, String mode) {
	}

	record ConflictJson(String kind, String explanation) {

		static ConflictJson of(Conflict c) {
			return new ConflictJson(c.kind().name(), c.explanation());
		}

	}

	record CheckJson(List<ConflictJson> conflicts) {
	}

	record BookingRequestJson(String type, String provider, String location, String start, String end, String mode,
			String overrideReason, String replacing) {
	}

	record AppointmentJson(String id, String patient, String type, OffsetDateTime start, OffsetDateTime end,
			String provider, String location, String mode, String status, String origin, String overrideReason,
			String bookedBy) {

		static AppointmentJson of(Appointment a) {
			return new AppointmentJson(a.id().toString(), a.patient().toString(), a.type(),
					a.start().toOffsetDateTime(), a.end().toOffsetDateTime(), a.providerId(), a.locationId(),
					a.mode().name(), a.status().name(), a.origin().name(), a.overrideReason(), a.bookedBy());
		}

	}

	record BookingJson(AppointmentJson appointment, List<ConflictJson> overridden) {
	}

	record ProviderJson(String id, String name, String specialty, String location, String locationName,
			boolean telehealth) {
	}

}
