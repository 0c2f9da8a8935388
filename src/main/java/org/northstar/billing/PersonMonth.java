package org.northstar.billing;

import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;

import org.northstar.documentation.Consent;
import org.northstar.documentation.Interaction;
import org.northstar.shared.PatientId;
import org.northstar.worklist.TcmClock;

/**
 * What the rules need of one person for one month: everything documented, as it was
 * documented; the rules decide what counts.
 *
 * @param interactions the person's care-management interactions, of any month (the rules
 * keep the month's, in the practice's zone)
 * @param consents the person's consents, revoked ones included
 * @param chronicConditions the chronic-condition groups the person's ongoing conditions
 * fall in
 * @param tcm the person's TCM periods, as the worklist's clocks see them at the month's
 * end
 */
record PersonMonth(PatientId patient, String name, YearMonth month, ZoneId zone, List<Interaction> interactions,
		List<Consent> consents, List<String> chronicConditions, List<TcmClock> tcm) {

	PersonMonth {
		interactions = List.copyOf(interactions);
		consents = List.copyOf(consents);
		chronicConditions = List.copyOf(chronicConditions);
		tcm = List.copyOf(tcm);
	}

}
