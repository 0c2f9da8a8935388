package org.northstar.web;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import org.northstar.audit.AuditAction;
import org.northstar.caseload.AssignmentRefusedException;
import org.northstar.caseload.Assignments;
import org.northstar.patient.People;
import org.northstar.security.UserAccount;
import org.northstar.shared.PatientId;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The supervisor's assignment page: the people on nobody's caseload (imported, or created
 * by a feed and waiting for review), a coordinator's caseload to move people from, and
 * one form to put the people ticked on a coordinator's caseload. The list and its filters
 * live in the address, so Back and a shared link show the same page.
 */
@Controller
class AssignmentController {

	/** How many unassigned people the page lists at once; a search narrows them. */
	static final int QUEUE_PAGE = 200;

	private final CurrentUser currentUser;

	private final Assignments assignments;

	AssignmentController(CurrentUser currentUser, Assignments assignments) {
		this.currentUser = currentUser;
		this.assignments = assignments;
	}

	@GetMapping("/caseload/assign")
	String page(@RequestParam(name = "q", required = false) String query,
			@RequestParam(name = "from", required = false) String from, HttpServletRequest request, Model model) {
		UserAccount user = assigner();
		List<UserAccount> coordinators = this.assignments.coordinatorsFor(user);
		People.PeopleOutside unassigned = this.assignments.unassigned(query, QUEUE_PAGE);
		boolean fromKnown = from != null && coordinators.stream().anyMatch(c -> c.username().equals(from));
		model.addAttribute("unassigned", unassigned);
		model.addAttribute("coordinators", coordinators);
		model.addAttribute("sizes", this.assignments.caseloadSizes());
		model.addAttribute("q", query == null ? "" : query);
		model.addAttribute("from", fromKnown ? from : "");
		model.addAttribute("caseload", fromKnown ? this.assignments.caseloadOf(from) : List.of());
		model.addAttribute("user", user);
		// Never the text searched for: it is a patient's name or identifier.
		this.currentUser.audit(user, AuditAction.SEARCH, null,
				"assignment page: " + unassigned.rows().size() + " of " + unassigned.total() + " unassigned people"
						+ (query == null || query.isBlank() ? "" : ", searched by name or identifier")
						+ (fromKnown ? "; caseload of " + from : ""),
				request);
		return "caseload/assign";
	}

	@PostMapping("/caseload/assign")
	String assign(@RequestParam(name = "patient", required = false) List<String> patients,
			@RequestParam(name = "coordinator", required = false) String coordinator,
			@RequestParam(name = "q", required = false) String query,
			@RequestParam(name = "from", required = false) String from, HttpServletRequest request,
			RedirectAttributes redirect) {
		// A coordinator's attempt is refused by Assignments, which audits the refusal.
		UserAccount user = this.currentUser.get();
		List<PatientId> records = new ArrayList<>();
		for (String id : patients == null ? List.<String>of() : patients) {
			records.add(parse(id));
		}
		try {
			if (Assignments.mayAssign(user) && (coordinator == null || coordinator.isBlank())) {
				throw new AssignmentRefusedException("Choose the coordinator to assign them to.");
			}
			List<Assignments.Change> changes = this.assignments.assign(user, records, coordinator, address(request));
			String name = this.assignments.coordinatorsFor(user)
				.stream()
				.filter(c -> c.username().equals(coordinator))
				.map(UserAccount::displayName)
				.findFirst()
				.orElse(coordinator);
			redirect.addFlashAttribute("message", "Assigned "
					+ (changes.size() == 1 ? "1 patient" : changes.size() + " patients") + " to " + name + ".");
		}
		catch (AssignmentRefusedException ex) {
			if (!Assignments.mayAssign(user)) {
				throw new AccessRefusedException(ex.getMessage());
			}
			redirect.addFlashAttribute("error", ex.getMessage());
		}
		UriComponentsBuilder back = UriComponentsBuilder.fromPath("/caseload/assign");
		if (query != null && !query.isBlank()) {
			back.queryParam("q", query);
		}
		if (from != null && !from.isBlank()) {
			back.queryParam("from", from);
		}
		return "redirect:" + back.encode().build().toUriString();
	}

	/** The signed-in user, if they may assign; a refusal page otherwise. */
	private UserAccount assigner() {
		UserAccount user = this.currentUser.get();
		if (!Assignments.mayAssign(user)) {
			throw new AccessRefusedException("Only supervisors and administrators assign patients to caseloads.");
		}
		return user;
	}

	private static String address(HttpServletRequest request) {
		return CurrentUser.address(request);
	}

	private static PatientId parse(String id) {
		try {
			return new PatientId(UUID.fromString(id));
		}
		catch (IllegalArgumentException ex) {
			throw new PageNotFoundException("There is no patient " + id);
		}
	}

}
