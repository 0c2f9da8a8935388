package org.northstar.web;

import jakarta.servlet.http.HttpServletRequest;

import org.northstar.audit.AuditAction;
import org.northstar.caseload.AccessDecision;
import org.northstar.caseload.PatientAccess;
import org.northstar.security.UserAccount;
import org.northstar.shared.PatientId;

import org.springframework.stereotype.Component;

/**
 * Opens a person's record for one section of the patient page (or a page of its own),
 * through {@link PatientAccess}, which decides and audits. A refusal is answered the way
 * the section says ({@link Refusal}): its own fragment saying so, in place, with a 403
 * ({@link SectionRefusedException}, rendered by {@link ErrorPages}); or the 403 page.
 * Nothing of the person is read before the decision.
 */
@Component
class PatientSections {

	private final CurrentUser currentUser;

	private final PatientAccess access;

	PatientSections(CurrentUser currentUser, PatientAccess access) {
		this.currentUser = currentUser;
		this.access = access;
	}

	/**
	 * The record opened for the signed-in user.
	 *
	 * @param decision {@link AccessDecision#PERMITTED} or
	 * {@link AccessDecision#EMERGENCY}
	 */
	record Opened(UserAccount user, PatientId patient, AccessDecision decision) {

		boolean emergency() {
			return this.decision == AccessDecision.EMERGENCY;
		}

		/** Whether the user holds a role that cares for patients. */
		boolean clinician() {
			return PatientAccess.CLINICAL_ROLES.stream().anyMatch(this.user::has);
		}

	}

	/**
	 * How a section answers a refusal.
	 *
	 * @param fragment the section's fragment, which says it is refused when the model has
	 * {@code refused}; null for the 403 page always
	 * @param page what the 403 page says to a request that is not htmx's (a plain form
	 * post, a link followed); null to answer with the fragment to every request
	 */
	record Refusal(String fragment, String page) {

		Refusal {
			if (fragment == null && page == null) {
				throw new IllegalArgumentException("A refusal is answered with a fragment, a page or both");
			}
		}

		/** The section's fragment, to every request. */
		static Refusal inPlace(String fragment) {
			return new Refusal(fragment, null);
		}

		/** The fragment to htmx, the 403 page saying {@code page} to anything else. */
		static Refusal inPlaceOrPage(String fragment, String page) {
			return new Refusal(fragment, page);
		}

		/** The 403 page saying {@code page}, to every request. */
		static Refusal page(String page) {
			return new Refusal(null, page);
		}

		/** The exception that answers this refusal to the request. */
		RuntimeException answer(HttpServletRequest request) {
			boolean htmx = request.getHeader("HX-Request") != null;
			if (this.fragment == null || (this.page != null && !htmx)) {
				return new AccessRefusedException(this.page);
			}
			return new SectionRefusedException(this.fragment);
		}

	}

	/**
	 * Decides and audits a read of the section.
	 * @throws SectionRefusedException if refused: the fragment, in place, with a 403
	 */
	Opened read(PatientId patient, String what, String fragment, HttpServletRequest request) {
		return check(patient, AuditAction.READ, what, Refusal.inPlace(fragment), request);
	}

	/**
	 * Decides and audits {@code action} on the person's record
	 * ({@link PatientAccess#check}); answers a refusal as {@code refusal} says.
	 */
	Opened check(PatientId patient, AuditAction action, String what, Refusal refusal, HttpServletRequest request) {
		UserAccount user = this.currentUser.get();
		AccessDecision decision = this.access.check(user, patient, action, what, CurrentUser.address(request));
		if (!decision.allowed()) {
			throw refusal.answer(request);
		}
		return new Opened(user, patient, decision);
	}

	/**
	 * Decides and audits a change to what the person's care team agreed
	 * ({@link PatientAccess#checkChange}: a clinical role, not under emergency access);
	 * answers a refusal as {@code refusal} says.
	 */
	Opened checkChange(PatientId patient, AuditAction action, String what, Refusal refusal,
			HttpServletRequest request) {
		UserAccount user = this.currentUser.get();
		AccessDecision decision = this.access.checkChange(user, patient, action, what, CurrentUser.address(request));
		if (!decision.allowed()) {
			throw refusal.answer(request);
		}
		return new Opened(user, patient, decision);
	}

}
