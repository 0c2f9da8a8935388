package org.northstar.web;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.northstar.caseload.Caseloads;
import org.northstar.caseload.Relation;
import org.northstar.ingest.FhirImport;
import org.northstar.security.Role;
import org.northstar.security.UserAccounts;
import org.northstar.shared.PatientId;
import org.northstar.shared.RecordKey;
import org.northstar.support.NorthstarTest;
import org.northstar.support.PageClient;
import org.northstar.support.PatientBundle;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.northstar.support.PatientBundle.aPatient;

/**
 * The caseload searched as coordinators type, with its filters in the address so that
 * Back and a shared link show the same list.
 */
class CaseloadSearchTests extends NorthstarTest {

	static final String PASSWORD = "a-long-password-1";

	@LocalServerPort
	int port;

	@Autowired
	FhirImport fhirImport;

	@Autowired
	Caseloads caseloads;

	@Autowired
	UserAccounts accounts;

	@Test
	void findsPeopleByNicknameFamilyCommaGivenUnaccentedAndPartOfAnIdentifier() {
		if (this.accounts.find("search-cora").isEmpty()) {
			this.accounts.create("search-cora", "Cora Search", PASSWORD, Set.of(Role.COORDINATOR), null);
		}
		for (PatientBundle bundle : List.of(
				aPatient("s-1").named("Jameson Ulric", "Tollemache")
					.born("1948-01-01")
					.identifier("MR", "urn:mrn", "MRN-7730418"),
				aPatient("s-2").named("Inés", "Ibáñez-Quirós").born("1950-02-02"),
				aPatient("s-3").named("Jim", "Tollemache").born("1952-03-03"))) {
			this.fhirImport.importBundle(bundle.json(), "search-ehr", "test");
		}
		for (String id : List.of("s-1", "s-2", "s-3")) {
			this.caseloads.assign(new PatientId(new RecordKey("search-ehr", "Patient", id).id()), "search-cora",
					Relation.COORDINATOR);
		}
		PageClient page = new PageClient(this.port, "127.0.9.41");
		page.signIn("search-cora", PASSWORD);

		assertThat(rows(page, "Tollemache,%20Jim")).containsExactly("Tollemache, Jim");
		assertThat(rows(page, "Jim")).containsExactly("Tollemache, Jim");
		assertThat(rows(page, "Ibanez%20Ines")).containsExactly("Ibáñez-Quirós, Inés");
		assertThat(rows(page, "quiros")).containsExactly("Ibáñez-Quirós, Inés");
		assertThat(rows(page, "7730")).containsExactly("Tollemache, Jameson Ulric");

		page.header("HX-Request", "true");
		assertThat(page.get("/caseload?q=Jim&sort=age").body()).doesNotContain("<html");
		page.header("HX-History-Restore-Request", "true");
		assertThat(page.get("/caseload?q=Jim&sort=age").body()).contains("<html")
			.contains("value=\"Jim\"")
			.containsPattern("<option value=\"age\" selected=\"selected\">");
	}

	private static List<String> rows(PageClient page, String query) {
		String body = page.get("/caseload?q=" + query).body();
		return java.util.regex.Pattern.compile("<a href=\"/patients/[^\"]+\">([^<]+)</a>")
			.matcher(body)
			.results()
			.map(m -> org.springframework.web.util.HtmlUtils.htmlUnescape(m.group(1)))
			.toList();
	}

}
