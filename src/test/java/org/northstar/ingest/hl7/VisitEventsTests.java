package org.northstar.ingest.hl7;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.northstar.clinical.FeedEncounter;
import org.northstar.shared.PatientId;
import org.northstar.shared.RecordKey;

import static org.assertj.core.api.Assertions.assertThat;

/** Events applied at the time they happened, whatever order they arrive in. */
class VisitEventsTests {

	private static final RecordKey VISIT = new RecordKey("hl7:TEST", "Encounter", "V-1");

	private static final PatientId PATIENT = new PatientId(UUID.randomUUID());

	private static final Instant ADMIT = Instant.parse("2026-01-10T08:00:00Z");

	private static final Instant TRANSFER = Instant.parse("2026-01-11T08:00:00Z");

	private static final Instant DISCHARGE = Instant.parse("2026-01-12T08:00:00Z");

	@Test
	void aDischargeBeforeItsAdmissionEndsFinishedWithBothTimes() {
		FeedEncounter discharged = apply(null, AdtEvent.A03, DISCHARGE, visit("5N/1", null, DISCHARGE));
		FeedEncounter admitted = apply(discharged, AdtEvent.A01, ADMIT, visit("ED/3", ADMIT, null));

		assertThat(admitted.status()).isEqualTo("finished");
		assertThat(admitted.admittedAt()).isEqualTo(ADMIT);
		assertThat(admitted.dischargedAt()).isEqualTo(DISCHARGE);
		assertThat(admitted.location()).as("the discharge's location is newer").isEqualTo("5N/1");
	}

	@Test
	void aLateUpdateFillsGapsButDoesNotOverwriteNewerDetails() {
		FeedEncounter transferred = apply(null, AdtEvent.A02, TRANSFER, visit("ICU/2", null, null));
		FeedEncounter late = apply(transferred, AdtEvent.A08, ADMIT,
				new AdtMessage.VisitPart("V-1", "I", "4W/401", "Anna Carter", "7", null, ADMIT, null, null, null));

		assertThat(late.location()).isEqualTo("ICU/2");
		assertThat(late.attending()).isEqualTo("Anna Carter");
		assertThat(late.admitSource()).isEqualTo("7");
		assertThat(late.status()).isEqualTo("in-progress");
	}

	@Test
	void cancellingADischargeReopensTheVisit() {
		FeedEncounter discharged = apply(null, AdtEvent.A03, DISCHARGE, visit("5N/1", ADMIT, DISCHARGE));
		FeedEncounter reopened = apply(discharged, AdtEvent.A13, DISCHARGE.plusSeconds(600), visit("5N/1", null, null));

		assertThat(reopened.status()).isEqualTo("in-progress");
		assertThat(reopened.dischargedAt()).isNull();
	}

	@Test
	void anOldCancelDoesNotUndoANewerDischarge() {
		FeedEncounter discharged = apply(null, AdtEvent.A03, DISCHARGE, visit("5N/1", ADMIT, DISCHARGE));
		FeedEncounter stale = apply(discharged, AdtEvent.A11, ADMIT.plusSeconds(60), visit(null, null, null));

		assertThat(stale.status()).isEqualTo("finished");
	}

	@Test
	void classChangesFollowThePatientClassOrTheEvent() {
		assertThat(VisitEvents.classCode(AdtEvent.A01, "E")).isEqualTo("EMER");
		assertThat(VisitEvents.classCode(AdtEvent.A06, null)).isEqualTo("IMP");
		assertThat(VisitEvents.classCode(AdtEvent.A07, null)).isEqualTo("AMB");
		assertThat(VisitEvents.classCode(AdtEvent.A05, "P")).isEqualTo("PRENC");
	}

	private static FeedEncounter apply(FeedEncounter current, AdtEvent event, Instant at, AdtMessage.VisitPart visit) {
		return VisitEvents.apply(current, VISIT, PATIENT, event, at, visit);
	}

	private static AdtMessage.VisitPart visit(String location, Instant admitted, Instant discharged) {
		return new AdtMessage.VisitPart("V-1", "I", location, null, null, null, admitted, discharged, null, null);
	}

}
