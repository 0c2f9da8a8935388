package org.northstar.web;

import java.time.DayOfWeek;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.northstar.audit.AuditAction;
import org.northstar.scheduling.Clinics;
import org.northstar.scheduling.Coordinates;
import org.northstar.scheduling.InvalidScheduleException;
import org.northstar.scheduling.Location;
import org.northstar.scheduling.Provider;
import org.northstar.security.Role;
import org.northstar.security.UserAccount;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Where supervisors and administrators keep the providers and locations that proposals
 * and conflict checks read: weekly hours (evening and Saturday sessions among them),
 * closures, visit types with their minutes, telehealth and languages. A save is whole or
 * refused with the field that is wrong, and audited.
 */
@Controller
class ClinicsController {

	private final Clinics clinics;

	private final CurrentUser currentUser;

	ClinicsController(Clinics clinics, CurrentUser currentUser) {
		this.clinics = clinics;
		this.currentUser = currentUser;
	}

	@GetMapping("/clinics")
	String list(Model model) {
		keeper();
		model.addAttribute("providers", this.clinics.providers());
		model.addAttribute("locations", this.clinics.locations().values());
		model.addAttribute("days", DayOfWeek.values());
		return "clinics/list";
	}

	@GetMapping("/clinics/providers/new")
	String newProvider(Model model) {
		keeper();
		return providerForm(model, ProviderForm.blank(), null, null);
	}

	@GetMapping("/clinics/providers/{id}")
	String provider(@PathVariable("id") String id, Model model) {
		keeper();
		Provider provider = this.clinics.provider(id)
			.orElseThrow(() -> new PageNotFoundException("There is no provider " + id));
		return providerForm(model, ProviderForm.of(provider), null, null);
	}

	@PostMapping("/clinics/providers")
	String saveProvider(@RequestParam Map<String, String> fields, HttpServletRequest request, Model model,
			RedirectAttributes redirect) {
		UserAccount user = keeper();
		Map<DayOfWeek, String> hours = new EnumMap<>(DayOfWeek.class);
		for (DayOfWeek day : DayOfWeek.values()) {
			hours.put(day, fields.getOrDefault("hours-" + day.name().substring(0, 3), ""));
		}
		ProviderForm form = new ProviderForm(fields.get("existing"), fields.get("id"), fields.get("name"),
				fields.get("specialty"), fields.get("location"), fields.containsKey("telehealth"),
				fields.get("languages"), hours, fields.get("closures"), fields.get("visitTypes"));
		Provider provider;
		try {
			provider = form.toProvider(this.clinics.locations());
			if (!form.changing() && this.clinics.provider(provider.id()).isPresent()) {
				throw new InvalidScheduleException("id", "There is already a provider " + provider.id()
						+ "; choose another id, or change that provider from the list");
			}
		}
		catch (InvalidScheduleException ex) {
			return providerForm(model, form, ex.getMessage(), ex.field());
		}
		this.clinics.save(provider);
		this.currentUser.audit(user, form.changing() ? AuditAction.UPDATE : AuditAction.CREATE, null,
				"provider " + provider.id() + " " + provider.name() + ": " + sessions(provider), request);
		redirect.addFlashAttribute("message", "Saved " + provider.name() + ". Proposals use its hours from now on.");
		return "redirect:/clinics";
	}

	@GetMapping("/clinics/locations/new")
	String newLocation(Model model) {
		keeper();
		return locationForm(model, Map.of(), false, null, null);
	}

	@GetMapping("/clinics/locations/{id}")
	String location(@PathVariable("id") String id, Model model) {
		keeper();
		Location location = this.clinics.locations().get(id);
		if (location == null) {
			throw new PageNotFoundException("There is no location " + id);
		}
		return locationForm(model,
				Map.of("id", location.id(), "name", location.name(), "address",
						location.address() == null ? "" : location.address(), "latitude",
						String.valueOf(location.coordinates().latitude()), "longitude",
						String.valueOf(location.coordinates().longitude())),
				true, null, null);
	}

	@PostMapping("/clinics/locations")
	String saveLocation(@RequestParam Map<String, String> fields, HttpServletRequest request, Model model,
			RedirectAttributes redirect) {
		UserAccount user = keeper();
		boolean changing = "true".equals(fields.get("changing"));
		Location location;
		try {
			location = location(fields);
			if (!changing && this.clinics.locations().containsKey(location.id())) {
				throw new InvalidScheduleException("id", "There is already a location " + location.id()
						+ "; choose another id, or change that location from the list");
			}
		}
		catch (InvalidScheduleException ex) {
			return locationForm(model, fields, changing, ex.getMessage(), ex.field());
		}
		this.clinics.save(location);
		this.currentUser.audit(user, changing ? AuditAction.UPDATE : AuditAction.CREATE, null,
				"location " + location.id() + " " + location.name(), request);
		redirect.addFlashAttribute("message", "Saved " + location.name() + ".");
		return "redirect:/clinics";
	}

	private String providerForm(Model model, ProviderForm form, String error, String field) {
		model.addAttribute("form", form);
		model.addAttribute("title", form.changing() ? "Change " + form.name() : "Add a provider");
		model.addAttribute("locations", this.clinics.locations().values());
		model.addAttribute("days", DayOfWeek.values());
		model.addAttribute("error", error);
		model.addAttribute("field", field);
		return "clinics/provider";
	}

	private String locationForm(Model model, Map<String, String> fields, boolean changing, String error, String field) {
		model.addAttribute("fields", fields);
		model.addAttribute("title", changing ? "Change " + fields.get("name") : "Add a location");
		model.addAttribute("changing", changing);
		model.addAttribute("error", error);
		model.addAttribute("field", field);
		return "clinics/location";
	}

	private static Location location(Map<String, String> fields) {
		String id = fields.getOrDefault("id", "").strip().toLowerCase(java.util.Locale.ROOT);
		if (!id.matches("[a-z0-9][a-z0-9-]{0,62}")) {
			throw new InvalidScheduleException("id", "The id '" + id
					+ "' must be lower-case letters, digits and hyphens (such as millbrook-heart), up to 63");
		}
		String address = fields.getOrDefault("address", "").strip();
		return new Location(id, fields.getOrDefault("name", "").strip(), address.isEmpty() ? null : address,
				new Coordinates(degrees(fields, "latitude", 90), degrees(fields, "longitude", 180)));
	}

	private static double degrees(Map<String, String> fields, String field, double limit) {
		String typed = fields.getOrDefault(field, "").strip();
		double value;
		try {
			value = Double.parseDouble(typed);
		}
		catch (NumberFormatException ex) {
			throw new InvalidScheduleException(field, "The " + field + " '" + typed
					+ "' is not a number of degrees (such as 39.9612); travel times are reckoned from it");
		}
		if (Double.isNaN(value) || Math.abs(value) > limit) {
			throw new InvalidScheduleException(field,
					"The " + field + " " + typed + " is outside -" + (int) limit + " to " + (int) limit);
		}
		return value;
	}

	private static String sessions(Provider provider) {
		List<String> days = java.util.Arrays.stream(DayOfWeek.values())
			.filter(d -> !provider.sessionsOn(d).isEmpty())
			.map(provider::hoursOn)
			.toList();
		return days.isEmpty() ? "no sessions" : String.join("; ", days);
	}

	private UserAccount keeper() {
		UserAccount user = this.currentUser.get();
		if (!user.has(Role.SUPERVISOR) && !user.has(Role.ADMINISTRATOR)) {
			throw new AccessRefusedException(
					"Only supervisors and administrators keep the providers and locations; ask yours to change one.");
		}
		return user;
	}

}
