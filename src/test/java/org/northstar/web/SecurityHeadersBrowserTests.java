package org.northstar.web;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.northstar.patient.PatientQuery;
import org.northstar.patient.Patients;
import org.northstar.support.BrowserTest;
import org.northstar.support.PageClient;
import org.northstar.support.PageClient.Response;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every page is served with a Content-Security-Policy that refuses inline scripts and
 * styles, and passes it: Chromium reports no violation on the main pages, htmx at work
 * included.
 */
class SecurityHeadersBrowserTests extends BrowserTest {

	@Autowired
	Patients patients;

	@Test
	void pagesAreServedWithAStrictContentSecurityPolicyAndAReferrerPolicy() {
		Response login = new PageClient(this.port, "127.0.14.2").get("/login");

		assertThat(login.header("Content-Security-Policy")).singleElement()
			.satisfies(csp -> assertThat(csp).contains("default-src 'self'")
				.contains("script-src 'self'")
				.contains("style-src 'self'")
				.contains("frame-ancestors 'none'")
				.doesNotContain("unsafe-inline")
				.doesNotContain("unsafe-eval"));
		assertThat(login.header("Referrer-Policy")).containsExactly("same-origin");
	}

	@Test
	void theMainPagesPassTheContentSecurityPolicy() {
		List<String> violations = new ArrayList<>();
		browser.recordPolicyViolations();
		String robert = idOf("Johnson");
		String chen = idOf("Chen");

		browser.open("/login");
		violations.addAll(on("/login"));
		browser.signIn("ana", "demo-ana-2026");
		for (String path : List.of("/today", "/caseload", "/patients/" + chen, "/patients/" + robert, "/review",
				"/notifications", "/linkage", "/tokens", "/account/password", "/no/such/page")) {
			browser.open(path);
			violations.addAll(on(path));
		}
		// htmx at work: the caseload's search and the timeline's filter swap rows in.
		browser.open("/caseload").type("#q", "Chen").awaitCount("table.caseload tbody tr", 1);
		violations.addAll(on("/caseload, searched"));
		browser.open("/patients/" + chen).find("#kind-RESULT").click();
		browser.awaitCount("#timeline tbody tr.kind-result", 0);
		violations.addAll(on("/patients/chen, filtered"));

		browser.signOut().signIn("admin", ADMIN_PASSWORD);
		for (String path : List.of("/admin/audit", "/admin/audit?emergency=true", "/admin/users", "/admin/hl7",
				"/admin/reactions", "/admin/audit?page=abc")) {
			browser.open(path);
			violations.addAll(on(path));
		}

		assertThat(violations).isEmpty();
	}

	private List<String> on(String page) {
		return browser.policyViolations().stream().map(v -> page + ": " + v).toList();
	}

	private String idOf(String family) {
		return this.patients
			.search(new PatientQuery(null, null, null, null, family, null, null, null, null, null, 0, 1))
			.patients()
			.get(0)
			.value()
			.toString();
	}

}
