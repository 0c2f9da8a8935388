package org.northstar.documentation;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the patient page's draft becomes when it is signed: times read in the practice's
 * zone, whole minutes, names split, and a follow-up given in full or not at all, each
 * refusal naming its field.
 */
class InteractionDraftTests {

	private static final ZoneId OHIO = ZoneId.of("America/New_York");

	private static final Instant NOW = Instant.parse("2026-11-03T15:00:00Z");

	private static final LocalDate TODAY = LocalDate.of(2026, 11, 3);

	@Test
	void readsTheTimeInThePracticesZoneAcrossDaylightSaving() {
		// 10:00 in Ohio on 31 October is EDT (14:00 UTC); on 3 November, EST (15:00 UTC).
		assertThat(draft("2026-10-31T10:00", "12").toNewInteraction(OHIO, NOW).parsedStartedAt())
			.isEqualTo(Instant.parse("2026-10-31T14:00:00Z"));
		assertThat(draft("2026-11-03T10:00", "12").toNewInteraction(OHIO, NOW).parsedStartedAt())
			.isEqualTo(Instant.parse("2026-11-03T15:00:00Z"));
		assertThat(draft("", "12").toNewInteraction(OHIO, NOW).parsedStartedAt()).isEqualTo(NOW);
	}

	@Test
	void namesTheFieldThatCannotBeRead() {
		assertThatThrownBy(() -> draft("3 Nov 10am", "12").toNewInteraction(OHIO, NOW)).isInstanceOfSatisfying(
				InvalidDocumentationException.class, ex -> assertThat(ex.field()).isEqualTo("startedAt"));
		assertThatThrownBy(() -> draft("", "twelve").toNewInteraction(OHIO, NOW)).isInstanceOfSatisfying(
				InvalidDocumentationException.class, ex -> assertThat(ex.field()).isEqualTo("minutes"));
		assertThatThrownBy(() -> draft("", "").toNewInteraction(OHIO, NOW).checkedMinutes()).isInstanceOfSatisfying(
				InvalidDocumentationException.class, ex -> assertThat(ex.field()).isEqualTo("minutes"));
	}

	@Test
	void splitsParticipantsAtCommas() {
		InteractionDraft draft = new InteractionDraft("PHONE_OUT", "REACHED", "", "5", "CLINICAL_STAFF", "CCM",
				" Mei Chen, her daughter ,, ", "Called.", "", "");
		assertThat(draft.toNewInteraction(OHIO, NOW).checkedParticipants()).containsExactly("Mei Chen", "her daughter");
	}

	@Test
	void aFollowUpNeedsBothItsDayAndWhatNotADayPast() {
		assertThat(followUp("", "")).isNull();
		assertThat(followUp("2026-11-10", "Call back about the refill"))
			.isEqualTo(new InteractionDraft.FollowUp(LocalDate.of(2026, 11, 10), "Call back about the refill"));
		assertThat(followUp("2026-11-03", "Today is fine").on()).isEqualTo(TODAY);
		assertThatThrownBy(() -> followUp("2026-11-10", " ")).isInstanceOfSatisfying(
				InvalidDocumentationException.class, ex -> assertThat(ex.field()).isEqualTo("followUpWhat"));
		assertThatThrownBy(() -> followUp("", "Call back")).isInstanceOfSatisfying(InvalidDocumentationException.class,
				ex -> assertThat(ex.field()).isEqualTo("followUpOn"));
		assertThatThrownBy(() -> followUp("2026-11-02", "Call back")).isInstanceOfSatisfying(
				InvalidDocumentationException.class,
				ex -> assertThat(ex.getMessage()).isEqualTo("followUpOn: 2026-11-02 is before today (2026-11-03)"));
	}

	@Test
	void refusesADraftLongerThanItKeepsNamingTheField() {
		InteractionDraft draft = new InteractionDraft("PHONE_OUT", "REACHED", "", "5", "CLINICAL_STAFF", "CCM", "",
				"x".repeat(NewInteraction.MAX_NOTE + 1), "", "");
		assertThatThrownBy(draft::checkSizes).isInstanceOfSatisfying(InvalidDocumentationException.class,
				ex -> assertThat(ex.field()).isEqualTo("note"));
	}

	private static InteractionDraft draft(String startedAt, String minutes) {
		return new InteractionDraft("PHONE_OUT", "REACHED", startedAt, minutes, "CLINICAL_STAFF", "CCM", "",
				"Reviewed the glucose log.", "", "");
	}

	private static InteractionDraft.FollowUp followUp(String on, String what) {
		return new InteractionDraft("PHONE_OUT", "REACHED", "", "5", "CLINICAL_STAFF", "CCM", "", "Called.", on, what)
			.followUp(TODAY);
	}

}
