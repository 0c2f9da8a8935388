package org.northstar.risk;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Which services count as oncology for HOSPITAL's O ({@code oncology-services.csv}): a
 * listed code, or words that contain "oncolog".
 */
final class OncologyServices {

	private final Set<String> codes = new HashSet<>();

	private OncologyServices() {
	}

	static OncologyServices load() {
		OncologyServices services = new OncologyServices();
		for (String[] row : CsvResource.rows("oncology-services.csv")) {
			services.codes.add(row[1].toUpperCase(Locale.ROOT));
		}
		return services;
	}

	boolean matches(String code, String display) {
		return code != null && this.codes.contains(code.strip().toUpperCase(Locale.ROOT))
				|| display != null && display.toLowerCase(Locale.ROOT).contains("oncolog");
	}

}
