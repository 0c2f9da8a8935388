package org.northstar.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.northstar.audit.AuditAction;
import org.northstar.documentation.Interaction;
import org.northstar.documentation.Interactions;
import org.northstar.documentation.NewInteraction;
import org.northstar.shared.PatientId;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Documented interactions of a person, for other tools: record one (signed as recorded),
 * add an addendum, list the person's.
 */
@RestController
@RequestMapping("/api/patients/{id}/interactions")
class InteractionsController {

	private final Interactions interactions;

	private final CareAccess access;

	InteractionsController(Interactions interactions, CareAccess access) {
		this.interactions = interactions;
		this.access = access;
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	InteractionJson record(@PathVariable String id, @RequestBody NewInteraction request, HttpServletRequest http) {
		CareAccess.Caller caller = this.access.caller(http);
		PatientId patient = this.access.openToWrite(caller, id, AuditAction.CREATE, "documenting an interaction");
		return InteractionJson.of(this.interactions.record(patient, request, caller.username()));
	}

	@GetMapping
	List<InteractionJson> list(@PathVariable String id, HttpServletRequest http) {
		CareAccess.Caller caller = this.access.caller(http);
		return this.interactions.of(this.access.openToRead(caller, id, "interactions"))
			.stream()
			.map(InteractionJson::of)
			.toList();
	}

	@PostMapping("/{interaction}/addenda")
	@ResponseStatus(HttpStatus.CREATED)
	Interaction.Addendum addendum(@PathVariable String id, @PathVariable long interaction,
			@RequestBody Map<String, String> body, HttpServletRequest http) {
		CareAccess.Caller caller = this.access.caller(http);
		PatientId patient = this.access.openToWrite(caller, id, AuditAction.UPDATE,
				"adding an addendum to interaction " + interaction);
		return this.interactions.addAddendum(patient, interaction, body.get("note"), caller.username());
	}

	/** An interaction as the API writes it: the patient as its id. */
	record InteractionJson(long id, String patient, String kind, String outcome, Instant startedAt, int minutes,
			String staff, String activity, String note, List<String> participants, boolean complexCarePlan,
			String billingPractitioner, String recordedBy, Instant recordedAt, List<Interaction.Addendum> addenda) {

		static InteractionJson of(Interaction i) {
			return new InteractionJson(i.id(), i.patient().toString(), i.kind().name(), i.outcome().name(),
					i.startedAt(), i.minutes(), i.staff().name(), i.activity().name(), i.note(), i.participants(),
					i.complexCarePlan(), i.billingPractitioner(), i.recordedBy(), i.recordedAt(), i.addenda());
		}

	}

}
