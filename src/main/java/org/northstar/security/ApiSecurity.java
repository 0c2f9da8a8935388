package org.northstar.security;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * How an API edge ({@code /fhir}, {@code /api}) is protected: stateless, bearer tokens
 * only, every request authenticated except those the edge names as public. The edge
 * supplies the entry point that words the 401 in its own format.
 */
public final class ApiSecurity {

	private static final String FORBIDDEN = ApiSecurity.class.getName() + ".forbidden";

	private ApiSecurity() {
	}

	public static HttpSecurity bearerTokens(HttpSecurity http, ApiTokens tokens, AuthenticationEntryPoint entryPoint,
			String... publicPaths) throws Exception {
		return http.csrf(csrf -> csrf.disable())
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.addFilterBefore(new BearerTokenFilter(tokens), AnonymousAuthenticationFilter.class)
			.authorizeHttpRequests(requests -> {
				if (publicPaths.length > 0) {
					requests.requestMatchers(publicPaths).permitAll();
				}
				requests.anyRequest().authenticated();
			})
			.exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(entryPoint));
	}

	/**
	 * Allows a request whose user holds the role (when one is named) and whose token
	 * holds one of the scopes: a token never does more than its scopes say, whatever its
	 * user may. A refusal leaves what was missing for {@link #forbiddenReason}.
	 */
	public static AuthorizationManager<RequestAuthorizationContext> scoped(Role role, ApiScope... anyOf) {
		return (authentication, context) -> {
			Set<String> held = new HashSet<>();
			authentication.get().getAuthorities().forEach(a -> held.add(a.getAuthority()));
			String missing = null;
			if (role != null && !held.contains("ROLE_" + role.name())) {
				missing = "This needs the " + role.name() + " role.";
			}
			else if (Arrays.stream(anyOf).noneMatch(scope -> held.contains(scope.authority()))) {
				missing = "This token's scopes do not allow it: it needs "
						+ Arrays.stream(anyOf).map(ApiScope::value).collect(Collectors.joining(" or ")) + ".";
			}
			if (missing != null) {
				context.getRequest().setAttribute(FORBIDDEN, missing);
			}
			return new AuthorizationDecision(missing == null);
		};
	}

	/**
	 * Why an authenticated request was refused (403), in words for the client's
	 * developer.
	 */
	public static String forbiddenReason(HttpServletRequest request) {
		Object reason = request.getAttribute(FORBIDDEN);
		return reason == null ? "This token may not do that." : reason.toString();
	}

	/** Why a request was refused, in words for the client's developer. */
	public static String refusalReason(HttpServletRequest request) {
		if (request.getAttribute(BearerTokenFilter.REJECTED_TOKEN) != null) {
			return "The bearer token is unknown, expired, revoked or belongs to a disabled user.";
		}
		return "Authentication required: send 'Authorization: Bearer <token>' (make one with 'northstar token --user NAME --purpose \"...\"').";
	}

}
