package org.northstar.web;

import java.io.IOException;
import java.io.PrintWriter;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.northstar.audit.AuditAction;
import org.northstar.risk.RiskAssessment;
import org.northstar.security.UserAccount;
import org.northstar.worklist.Population;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The population the user may see, by risk band with counts, filtered by condition,
 * program, coordinator and band (all in the URL, so Back and a shared link show the same
 * list); the same list as CSV. Both audited.
 */
@Controller
class PopulationController {

	private final CurrentUser currentUser;

	private final Population population;

	PopulationController(CurrentUser currentUser, Population population) {
		this.currentUser = currentUser;
		this.population = population;
	}

	@GetMapping("/population")
	String population(@RequestParam(name = "condition", required = false) String condition,
			@RequestParam(name = "program", required = false) String program,
			@RequestParam(name = "coordinator", required = false) String coordinator,
			@RequestParam(name = "band", required = false) String band, HttpServletRequest request, Model model) {
		UserAccount user = this.currentUser.get();
		Population.Filter filter = filter(condition, program, coordinator, band);
		Population.View view = this.population.of(user, filter);
		this.currentUser.audit(user, AuditAction.SEARCH, null,
				"population: " + view.members().size() + " people" + describe(filter), request);
		model.addAttribute("view", view);
		model.addAttribute("filter", filter);
		model.addAttribute("bands", Population.BANDS);
		model.addAttribute("programs", Population.PROGRAMS);
		return "population/list";
	}

	@GetMapping("/population.csv")
	void export(@RequestParam(name = "condition", required = false) String condition,
			@RequestParam(name = "program", required = false) String program,
			@RequestParam(name = "coordinator", required = false) String coordinator,
			@RequestParam(name = "band", required = false) String band, HttpServletRequest request,
			HttpServletResponse response) throws IOException {
		UserAccount user = this.currentUser.get();
		Population.Filter filter = filter(condition, program, coordinator, band);
		Population.View view = this.population.of(user, filter);
		this.currentUser.audit(user, AuditAction.EXPORT, null,
				"population CSV: " + view.members().size() + " people" + describe(filter), request);
		response.setContentType("text/csv;charset=utf-8");
		response.setHeader("Content-Disposition", "attachment; filename=\"northstar-population.csv\"");
		PrintWriter out = response.getWriter();
		out.println("patient,name,coordinator,program,band,lace,lace_band,hospital,hospital_band");
		for (Population.Member m : view.members()) {
			out.println(String.join(",", m.person().toString(), cell(m.name()), cell(m.coordinator()),
					cell(m.program()), cell(m.band()), score(m.lace()), m.lace() == null ? "" : m.lace().band().code(),
					score(m.hospital()), m.hospital() == null ? "" : m.hospital().band().code()));
		}
		out.flush();
	}

	private static Population.Filter filter(String condition, String program, String coordinator, String band) {
		if (program != null && !program.isBlank() && !Population.PROGRAMS.contains(program)) {
			throw new BadFilterException("program: '" + program + "' is not one of " + Population.PROGRAMS);
		}
		if (band != null && !band.isBlank() && !Population.BANDS.contains(band)) {
			throw new BadFilterException("band: '" + band + "' is not one of " + Population.BANDS);
		}
		return new Population.Filter(blankToNull(condition), blankToNull(program), blankToNull(coordinator),
				blankToNull(band));
	}

	/**
	 * The filter for the audit trail: never the condition's text, which may be telling.
	 */
	private static String describe(Population.Filter filter) {
		StringBuilder text = new StringBuilder();
		if (filter.condition() != null) {
			text.append(", by condition");
		}
		if (filter.program() != null) {
			text.append(", program ").append(filter.program());
		}
		if (filter.coordinator() != null) {
			text.append(", coordinator ").append(filter.coordinator());
		}
		if (filter.band() != null) {
			text.append(", band ").append(filter.band());
		}
		return text.toString();
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}

	private static String score(RiskAssessment score) {
		return score == null ? "" : Integer.toString(score.score());
	}

	private static String cell(String value) {
		if (value == null) {
			return "";
		}
		String safe = value;
		// A cell starting with = + - @ is a formula to a spreadsheet: neutralise it.
		if (!safe.isEmpty() && "=+-@".indexOf(safe.charAt(0)) >= 0) {
			safe = "'" + safe;
		}
		return "\"" + safe.replace("\"", "\"\"") + "\"";
	}

}
