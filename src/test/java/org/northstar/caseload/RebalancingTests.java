package org.northstar.caseload;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.northstar.caseload.Rebalancing.Patient;
import org.northstar.caseload.Rebalancing.Plan;
import org.northstar.shared.PatientId;

import static org.assertj.core.api.Assertions.assertThat;

/** The suggested rebalancing of a team's caseloads. */
class RebalancingTests {

	@Test
	void suggestsNothingForLoadsAlreadyWithinTolerance() {
		Plan plan = Rebalancing.plan(List.of("ana", "ben"), patients("ana", 3, 1, 1).and("ben", 2, 2, 1).list, 0.2);

		assertThat(plan.moves()).isEmpty();
		assertThat(plan.balanced()).isTrue();
	}

	@Test
	void movesOneHeavyPatientRatherThanSeveralLightOnes() {
		// ana 10, ben 2: mean 6, bounds 4.8..7.2. One high-risk patient (3) suffices.
		Plan plan = Rebalancing.plan(List.of("ana", "ben"), patients("ana", 3, 3, 1, 1, 1, 1).and("ben", 1, 1).list,
				0.2);

		assertThat(plan.moves()).singleElement().satisfies(m -> {
			assertThat(m.from()).isEqualTo("ana");
			assertThat(m.to()).isEqualTo("ben");
			assertThat(m.weight()).isEqualTo(3.0);
		});
		assertThat(plan.after()).containsEntry("ana", 7.0).containsEntry("ben", 5.0);
		assertThat(plan.balanced()).isTrue();
	}

	@Test
	void keepsPatientsWithRecentContactWithTheirCoordinator() {
		Patients team = patients("ben", 1, 1);
		team.add("ana", 3, true).add("ana", 3, true).add("ana", 1, false).add("ana", 1, false).add("ana", 1, false);

		Plan plan = Rebalancing.plan(List.of("ana", "ben"), team.list, 0.2);

		assertThat(plan.moves()).isNotEmpty().allSatisfy(m -> assertThat(m.weight()).isEqualTo(1.0));
		assertThat(plan.moves()).extracting(Rebalancing.Move::patient).doesNotContainAnyElementsOf(team.recent());
	}

	@Test
	void spreadsAnOverloadOverSeveralCoordinatorsIncludingOneWithNobody() {
		Plan plan = Rebalancing.plan(List.of("ana", "ben", "carla"),
				patients("ana", 2, 2, 2, 2, 2, 2).and("ben", 2, 2, 2).list, 0.25);

		// 18 over 3: 6 each. Ana gives 3 people, carla takes them... within 4.5..7.5.
		assertThat(plan.balanced()).isTrue();
		assertThat(plan.moves()).hasSize(3);
		assertThat(plan.after().values()).allSatisfy(l -> assertThat(l).isBetween(4.5, 7.5));
	}

	@Test
	void stopsWhenNoMoveHelpsInsteadOfShufflingForever() {
		// One person of weight 3 against an empty caseload: moving them only swaps who is
		// over.
		Plan plan = Rebalancing.plan(List.of("ana", "ben"), patients("ana", 3).list, 0.1);

		assertThat(plan.moves()).isEmpty();
		assertThat(plan.balanced()).isFalse();
	}

	private static Patients patients(String coordinator, double... weights) {
		return new Patients().and(coordinator, weights);
	}

	static final class Patients {

		final List<Patient> list = new ArrayList<>();

		Patients and(String coordinator, double... weights) {
			for (double w : weights) {
				add(coordinator, w, false);
			}
			return this;
		}

		Patients add(String coordinator, double weight, boolean recentContact) {
			this.list.add(new Patient(new PatientId(UUID.randomUUID()), coordinator, weight, recentContact));
			return this;
		}

		List<PatientId> recent() {
			return this.list.stream().filter(Patient::recentContact).map(Patient::id).toList();
		}

	}

}
