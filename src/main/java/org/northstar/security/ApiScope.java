package org.northstar.security;

import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * What an API token may do, in SMART on FHIR's words. A token never sees more than its
 * user may: the scopes narrow what the user can do, they never widen it.
 */
public enum ApiScope {

	/** Read the records of patients the user may see, one named patient at a time. */
	PATIENT_READ("patient/*.read"),

	/** Read what the user may see, searches across their caseloads included. */
	USER_READ("user/*.read"),

	/** Create, change and delete what Northstar owns (tasks), as the user. */
	USER_WRITE("user/*.write"),

	/** Read every patient's record: for administrators' system integrations only. */
	SYSTEM_READ("system/*.read"),

	/**
	 * Send records with {@code POST /fhir} transactions and batches, kept under the
	 * account's source: for {@link Role#INTEGRATION} accounts only.
	 */
	SYSTEM_WRITE("system/*.write");

	/** What {@code northstar token} grants unless told otherwise. */
	public static final Set<ApiScope> DEFAULT = Set.of(USER_READ, USER_WRITE);

	static final String AUTHORITY_PREFIX = "SCOPE_";

	private final String value;

	ApiScope(String value) {
		this.value = value;
	}

	/** The scope as SMART writes it, e.g. {@code user/*.read}. */
	public String value() {
		return this.value;
	}

	public static Optional<ApiScope> parse(String value) {
		return Arrays.stream(values()).filter(s -> s.value.equals(value)).findFirst();
	}

	/**
	 * Parses scopes as written on a command line or in a token request, separated by
	 * spaces or commas.
	 * @throws IllegalArgumentException naming the first scope that is not one of these
	 */
	public static Set<ApiScope> parseAll(Collection<String> values) {
		Set<ApiScope> scopes = EnumSet.noneOf(ApiScope.class);
		for (String value : values) {
			for (String part : value.split("[\\s,]+")) {
				if (part.isEmpty()) {
					continue;
				}
				scopes.add(parse(part).orElseThrow(() -> new IllegalArgumentException(
						"Unknown scope '" + part + "': use " + Arrays.stream(values()).map(ApiScope::value).toList())));
			}
		}
		return scopes;
	}

	/** The scopes of the token the current request was authenticated with. */
	public static Set<ApiScope> granted() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		Set<ApiScope> scopes = EnumSet.noneOf(ApiScope.class);
		if (authentication == null) {
			return scopes;
		}
		for (GrantedAuthority authority : authentication.getAuthorities()) {
			String name = authority.getAuthority();
			if (name != null && name.startsWith(AUTHORITY_PREFIX)) {
				parse(name.substring(AUTHORITY_PREFIX.length())).ifPresent(scopes::add);
			}
		}
		return scopes;
	}

	String authority() {
		return AUTHORITY_PREFIX + this.value;
	}

}
