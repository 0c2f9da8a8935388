package org.northstar.clinical;

import java.util.List;

/**
 * Who a source says looks after a patient outside hospital: the general practitioners
 * (FHIR {@code Patient.generalPractitioner}: a practice or a physician) and the managing
 * organization ({@code Patient.managingOrganization}), each by the name the source gives,
 * its display or the name of the resource referred to.
 */
public record CareProviders(String source, List<String> generalPractitioners, List<String> managingOrganizations) {

	public static final CareProviders NONE = new CareProviders(null, List.of(), List.of());

	public CareProviders {
		generalPractitioners = List.copyOf(generalPractitioners);
		managingOrganizations = List.copyOf(managingOrganizations);
	}

}
