package org.northstar.careplan;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.northstar.careplan.ItemChanges.FieldChange;
import org.northstar.careplan.PlanItem.Kind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The rules every plan item keeps, whoever writes it, and what its history records. */
class CarePlanRulesTests {

	private static final LocalDate DUE = LocalDate.of(2027, 3, 1);

	@Test
	void refusesAGoalThatCannotBeMeasured() {
		assertThatThrownBy(() -> goal(Target.NONE, DUE).validated()).isInstanceOf(InvalidPlanItemException.class)
			.hasMessageContaining("measurable")
			.extracting("field")
			.isEqualTo("target");
	}

	@Test
	void refusesAGoalWithoutADueDate() {
		assertThatThrownBy(() -> goal(words("Walks 20 minutes a day"), null).validated())
			.isInstanceOf(InvalidPlanItemException.class)
			.extracting("field")
			.isEqualTo("dueOn");
	}

	@Test
	void refusesABandUpsideDownOrWithoutAMeasure() {
		assertThatThrownBy(
				() -> goal(new Target(null, "29463-7", new BigDecimal("80"), new BigDecimal("70"), "kg"), DUE)
					.validated())
			.hasMessageContaining("lower end 80 is above the upper end 70");
		assertThatThrownBy(() -> goal(new Target(null, null, null, new BigDecimal("7.0"), "%"), DUE).validated())
			.extracting("field")
			.isEqualTo("measure");
		assertThatThrownBy(() -> goal(new Target(null, "4548-4", null, null, "%"), DUE).validated())
			.hasMessageContaining("lower or an upper end");
	}

	@Test
	void acceptsAMeasuredGoalAndKeepsItsDigits() {
		Target target = new Target(null, "4548-4", null, new BigDecimal("7.0"), "%");

		goal(target, DUE).validated();

		assertThat(target.band()).isEqualTo("≤ 7.0 %");
		assertThat(target.contains(new BigDecimal("7.00"))).isTrue();
		assertThat(target.contains(new BigDecimal("7.1"))).isFalse();
	}

	@Test
	void aBarrierSaysWhatIsDoneWhoOwnsItAndByWhen() {
		ItemDraft complete = new ItemDraft(Kind.BARRIER, "No car", BarrierKind.TRANSPORT, "Book medical transport",
				"ana", DUE, null, null, null);
		complete.validated();

		assertThatThrownBy(
				() -> new ItemDraft(Kind.BARRIER, "No car", BarrierKind.TRANSPORT, " ", "ana", DUE, null, null, null)
					.validated())
			.extracting("field")
			.isEqualTo("action");
		assertThatThrownBy(() -> new ItemDraft(Kind.BARRIER, "No car", BarrierKind.TRANSPORT, "Book a ride", null, DUE,
				null, null, null)
			.validated()).extracting("field").isEqualTo("owner");
		assertThatThrownBy(() -> new ItemDraft(Kind.BARRIER, "No car", BarrierKind.TRANSPORT, "Book a ride", "ana",
				null, null, null, null)
			.validated()).extracting("field").isEqualTo("dueOn");
		assertThatThrownBy(
				() -> new ItemDraft(Kind.BARRIER, "No car", null, "Book a ride", "ana", DUE, null, null, null)
					.validated())
			.extracting("field")
			.isEqualTo("barrierKind");
	}

	@Test
	void onlyAGoalHasATargetAndOnlyABarrierAKind() {
		assertThatThrownBy(() -> new ItemDraft(Kind.INTERVENTION, "Weekly call", null, null, "ana", DUE, null,
				words("fewer admissions"), null)
			.validated()).extracting("field").isEqualTo("target");
		assertThatThrownBy(() -> new ItemDraft(Kind.INTERVENTION, "Weekly call", BarrierKind.COST, null, "ana", DUE,
				null, null, null)
			.validated()).extracting("field").isEqualTo("barrierKind");
	}

	@Test
	void aClosedItemOnlyReopens() {
		assertThat(ItemStatus.COMPLETED.next(Kind.GOAL)).containsExactly(ItemStatus.ACTIVE);
		assertThatThrownBy(() -> ItemStatus.COMPLETED.requireMayBecome(ItemStatus.NOT_ACHIEVED, Kind.GOAL))
			.hasMessageContaining("a goal that is achieved cannot become not achieved; reopen it first");
		ItemStatus.COMPLETED.requireMayBecome(ItemStatus.ACTIVE, Kind.GOAL);
	}

	@Test
	void onlyAGoalCanBeNotAchieved() {
		assertThat(ItemStatus.ACTIVE.next(Kind.GOAL)).contains(ItemStatus.NOT_ACHIEVED);
		assertThat(ItemStatus.ACTIVE.next(Kind.BARRIER)).doesNotContain(ItemStatus.NOT_ACHIEVED);
		assertThatThrownBy(() -> ItemStatus.ACTIVE.requireMayBecome(ItemStatus.NOT_ACHIEVED, Kind.INTERVENTION))
			.isInstanceOf(InvalidPlanItemException.class);
	}

	@Test
	void historyRecordsOnlyTheFieldsThatChangedWithBothValues() {
		ItemDraft before = goal(new Target(null, "4548-4", null, new BigDecimal("7"), "%"), DUE);
		ItemDraft after = goal(new Target(null, "4548-4", null, new BigDecimal("7.0"), "%"), DUE.plusDays(30));

		List<FieldChange> changes = ItemChanges.between(before, ItemStatus.ACTIVE, after, ItemStatus.ON_HOLD);

		// 7 and 7.0 are different targets as written.
		assertThat(changes).containsExactly(new FieldChange("dueOn", "2027-03-01", "2027-03-31"),
				new FieldChange("status", "ACTIVE", "ON_HOLD"), new FieldChange("targetHigh", "7", "7.0"));
		assertThat(ItemChanges.between(before, ItemStatus.ACTIVE, before, ItemStatus.ACTIVE)).isEmpty();
	}

	private static ItemDraft goal(Target target, LocalDate due) {
		return new ItemDraft(Kind.GOAL, "HbA1c at or below 7.0 %", null, null, null, due, null, target, null);
	}

	private static Target words(String text) {
		return new Target(text, null, null, null, null);
	}

}
