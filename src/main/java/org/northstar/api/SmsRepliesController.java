package org.northstar.api;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import org.northstar.audit.AuditAction;
import org.northstar.audit.AuditRecord;
import org.northstar.audit.AuditTrail;
import org.northstar.scheduling.InvalidScheduleException;
import org.northstar.scheduling.SmsReminders;
import org.northstar.shared.PatientId;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The SMS gateway's callback for a person's reply to a reminder text (issue 17): a STOP
 * opts every person with that number out of text reminders, a START opts them back in;
 * anything else is acknowledged and changes nothing. Only an integration account's token
 * with {@code system/*.write} may call it; each person's change is audited under that
 * account.
 */
@RestController
class SmsRepliesController {

	/** The opt-out and opt-in words the carriers' rules make every sender honour. */
	static final Set<String> STOP = Set.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT");

	static final Set<String> START = Set.of("START", "UNSTOP", "YES");

	private final CareAccess access;

	private final SmsReminders sms;

	private final AuditTrail audit;

	SmsRepliesController(CareAccess access, SmsReminders sms, AuditTrail audit) {
		this.access = access;
		this.sms = sms;
		this.audit = audit;
	}

	/**
	 * @param from the number the reply came from, as the gateway writes it
	 * @param text the reply
	 */
	record ReplyJson(String from, String text) {
	}

	/**
	 * @param action {@code OPTED_OUT}, {@code OPTED_IN} or {@code IGNORED}
	 * @param people how many people it was recorded for
	 */
	record ResultJson(String action, int people) {
	}

	@PostMapping("/api/sms/replies")
	ResultJson reply(@RequestBody ReplyJson body, HttpServletRequest http) {
		CareAccess.Caller caller = this.access.gateway(this.access.caller(http), "an SMS reply");
		if (body == null || body.from() == null || body.from().replaceAll("\\D", "").length() < 7) {
			throw new InvalidScheduleException("from", "The reply needs the phone number it came from (\"from\")");
		}
		String word = body.text() == null ? "" : body.text().strip().toUpperCase(Locale.ROOT);
		boolean stop = STOP.contains(word);
		if (!stop && !START.contains(word)) {
			return new ResultJson("IGNORED", 0);
		}
		List<PatientId> people = this.sms.fromGateway(body.from(), stop, caller.username());
		String detail = "text reminders: " + (stop ? "opted out (replied " : "opted in (replied ") + word + ")";
		this.audit.recordAll(people.stream()
			.map(p -> new AuditRecord(caller.username(), caller.user().roleNames(), AuditAction.UPDATE, p, detail,
					caller.address(), AuditRecord.Outcome.SUCCESS, false, null))
			.toList());
		return new ResultJson(stop ? "OPTED_OUT" : "OPTED_IN", people.size());
	}

}
