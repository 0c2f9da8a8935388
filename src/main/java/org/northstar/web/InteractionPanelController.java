package org.northstar.web;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.northstar.audit.AuditAction;
import org.northstar.billing.MonthEndReport;
import org.northstar.caseload.PatientAccess;
import org.northstar.documentation.Consents;
import org.northstar.documentation.Interaction;
import org.northstar.documentation.InteractionDraft;
import org.northstar.documentation.InteractionDrafts;
import org.northstar.documentation.Interactions;
import org.northstar.documentation.InvalidDocumentationException;
import org.northstar.documentation.QuickTexts;
import org.northstar.patient.People;
import org.northstar.patient.Person;
import org.northstar.security.UserAccount;
import org.northstar.shared.PatientId;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The patient page's "Log a call, visit or message" panel, served on its own (htmx): the
 * interaction being written (kept as a draft on the server as it is typed, one per user
 * and person), signing it with a follow-up task if asked for, the person's recent
 * interactions with their addenda beside them. Every request opens the record through
 * {@link PatientAccess}, which audits it.
 */
@Controller
class InteractionPanelController {

	/** How many of the person's interactions the panel lists; the API has them all. */
	static final int RECENT = 20;

	static final Map<String, String> KINDS = labels(Interaction.Kind.values(), "Phone call out", "Phone call in",
			"Home visit", "Clinic visit", "Video visit", "Secure message", "Letter", "Meeting");

	static final Map<String, String> OUTCOMES = labels(Interaction.Outcome.values(), "Reached", "Left a voicemail",
			"No answer", "Wrong number", "Completed");

	static final Map<String, String> STAFF = labels(Interaction.Staff.values(), "Clinical staff",
			"Physician or qualified professional");

	static final Map<String, String> ACTIVITIES = labels(Interaction.Activity.values(), "CCM", "PCM", "TCM", "Other");

	private final CurrentUser currentUser;

	private final PatientAccess access;

	private final People people;

	private final Interactions interactions;

	private final InteractionDrafts drafts;

	private final QuickTexts quickTexts;

	private final MonthEndReport billing;

	private final Consents consents;

	private final Clock clock;

	InteractionPanelController(CurrentUser currentUser, PatientAccess access, People people, Interactions interactions,
			InteractionDrafts drafts, QuickTexts quickTexts, MonthEndReport billing, Consents consents, Clock clock) {
		this.billing = billing;
		this.consents = consents;
		this.currentUser = currentUser;
		this.access = access;
		this.people = people;
		this.interactions = interactions;
		this.drafts = drafts;
		this.quickTexts = quickTexts;
		this.clock = clock;
	}

	@GetMapping("/patients/{id}/interactions")
	String panel(@PathVariable("id") String id, HttpServletRequest request, Model model) {
		Opened opened = open(id, AuditAction.READ, "interactions panel", request);
		InteractionDrafts.Saved saved = this.drafts.find(opened.person(), opened.user().username()).orElse(null);
		return panel(opened, saved == null ? InteractionDraft.blank() : saved.draft(), saved, model);
	}

	/** Keeps what is being written; answers with when it was kept. */
	@PostMapping("/patients/{id}/interactions/draft")
	String saveDraft(@PathVariable("id") String id, @ModelAttribute InteractionDraft draft, HttpServletRequest request,
			HttpServletResponse response, Model model) {
		Opened opened = open(id, AuditAction.UPDATE, "interaction draft", request);
		try {
			model.addAttribute("saved", this.drafts.save(opened.person(), opened.user().username(), draft));
		}
		catch (InvalidDocumentationException ex) {
			model.addAttribute("draftError", ex.getMessage());
		}
		return "patient/interactions :: draft-status";
	}

	/**
	 * Signs the interaction being written, with its follow-up task, and forgets the
	 * draft; or shows the panel again as typed, the field that is wrong named beside it.
	 */
	@PostMapping("/patients/{id}/interactions")
	String sign(@PathVariable("id") String id, @ModelAttribute InteractionDraft draft,
			@RequestHeader(name = "HX-Request", required = false) String htmx, HttpServletRequest request,
			Model model) {
		Opened opened = open(id, AuditAction.CREATE, "documenting an interaction", request);
		String username = opened.user().username();
		try {
			InteractionDraft.FollowUp followUp = draft.followUp(LocalDate.now(this.clock));
			Interaction signed = this.interactions.record(opened.patient(),
					draft.toNewInteraction(this.clock.getZone(), this.clock.instant()), followUp, username);
			this.drafts.discard(opened.person(), username);
			model.addAttribute("signed", signed);
			model.addAttribute("followUp", followUp);
			model.addAttribute("fresh", true);
			if (htmx == null) {
				return "redirect:/patients/" + id + "#interactions";
			}
			return panel(opened, InteractionDraft.blank(), null, model);
		}
		catch (InvalidDocumentationException ex) {
			// What was typed is kept, whatever happens to this page.
			InteractionDrafts.Saved saved = saveQuietly(opened, draft);
			if (htmx == null) {
				return "redirect:/patients/" + id + "#interactions";
			}
			model.addAttribute("error", ex);
			return panel(opened, draft, saved, model);
		}
	}

	@PostMapping("/patients/{id}/interactions/{interaction}/addenda")
	String addAddendum(@PathVariable("id") String id, @PathVariable("interaction") long interaction,
			@RequestParam(name = "note", defaultValue = "") String note,
			@RequestHeader(name = "HX-Request", required = false) String htmx, HttpServletRequest request,
			Model model) {
		Opened opened = open(id, AuditAction.UPDATE, "adding an addendum to interaction " + interaction, request);
		// The interaction may be under any record of the person the page shows.
		PatientId under = this.interactions.find(interaction)
			.map(Interaction::patient)
			.filter(opened.records()::contains)
			.orElseThrow(() -> new PageNotFoundException(
					"Patient " + id + " has no interaction " + interaction + " to add an addendum to"));
		try {
			this.interactions.addAddendum(under, interaction, note, opened.user().username());
			model.addAttribute("amended", interaction);
		}
		catch (InvalidDocumentationException ex) {
			model.addAttribute("addendumError", interaction);
		}
		catch (NoSuchElementException ex) {
			throw new PageNotFoundException(ex.getMessage());
		}
		if (htmx == null) {
			return "redirect:/patients/" + id + "#interactions";
		}
		InteractionDrafts.Saved saved = this.drafts.find(opened.person(), opened.user().username()).orElse(null);
		return panel(opened, saved == null ? InteractionDraft.blank() : saved.draft(), saved, model);
	}

	private InteractionDrafts.Saved saveQuietly(Opened opened, InteractionDraft draft) {
		try {
			return this.drafts.save(opened.person(), opened.user().username(), draft);
		}
		catch (InvalidDocumentationException ex) {
			return null;
		}
	}

	private String panel(Opened opened, InteractionDraft draft, InteractionDrafts.Saved saved, Model model) {
		List<Interaction> all = this.interactions.of(opened.records());
		model.addAttribute("patientId", opened.patient());
		model.addAttribute("draft", draft);
		model.addAttribute("saved", saved);
		model.addAttribute("interactions", all.subList(0, Math.min(RECENT, all.size())));
		model.addAttribute("interactionCount", all.size());
		model.addAttribute("kinds", KINDS);
		model.addAttribute("outcomes", OUTCOMES);
		model.addAttribute("staff", STAFF);
		model.addAttribute("activities", ACTIVITIES);
		model.addAttribute("quickTexts", this.quickTexts.all());
		LocalDate today = LocalDate.now(this.clock);
		model.addAttribute("today", today);
		// What billing will count, where the minutes are written: the chronic conditions
		// and the consents standing today.
		model.addAttribute("chronicConditions", this.billing.chronicConditions(opened.records()));
		model.addAttribute("standingConsents", this.consents.standingBetween(today, today, opened.records()));
		// The page's fields are the practice's wall-clock time, to the minute.
		model.addAttribute("now", LocalDateTime.now(this.clock).truncatedTo(ChronoUnit.MINUTES));
		return "patient/interactions :: panel";
	}

	private Opened open(String id, AuditAction action, String what, HttpServletRequest request) {
		PatientId patient = parse(id);
		Person person = this.people.personOf(patient)
			.orElseThrow(() -> new PageNotFoundException("There is no patient " + id));
		UserAccount user = this.currentUser.get();
		if (!this.access.check(user, patient, action, what, CurrentUser.address(request)).allowed()) {
			throw new AccessRefusedException("Patient " + id
					+ " is not on your caseload, your team's or a care team you are on: open the patient page to"
					+ " break the glass in an emergency.");
		}
		return new Opened(user, patient, person.primary().summary().id(), person.ids());
	}

	/**
	 * A record opened for the user.
	 *
	 * @param person the person's primary record: drafts are kept under it, whichever of
	 * the person's records the page was opened on
	 */
	private record Opened(UserAccount user, PatientId patient, PatientId person, List<PatientId> records) {
	}

	private static PatientId parse(String id) {
		try {
			return new PatientId(UUID.fromString(id));
		}
		catch (IllegalArgumentException ex) {
			throw new PageNotFoundException("There is no patient " + id);
		}
	}

	private static Map<String, String> labels(Enum<?>[] values, String... labels) {
		Map<String, String> map = new LinkedHashMap<>();
		for (int i = 0; i < values.length; i++) {
			map.put(values[i].name(), labels[i]);
		}
		return Collections.unmodifiableMap(map);
	}

}
