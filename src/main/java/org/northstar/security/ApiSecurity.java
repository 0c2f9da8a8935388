package org.northstar.security;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * How an API edge ({@code /fhir}, {@code /api}) is protected: stateless, bearer tokens
 * only, every request authenticated except those the edge names as public. The edge
 * supplies the entry point that words the 401 in its own format.
 */
public final class ApiSecurity {

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

	/** Why a request was refused, in words for the client's developer. */
	public static String refusalReason(HttpServletRequest request) {
		if (request.getAttribute(BearerTokenFilter.REJECTED_TOKEN) != null) {
			return "The bearer token is unknown, expired, revoked or belongs to a disabled user.";
		}
		return "Authentication required: send 'Authorization: Bearer <token>' (make one with 'northstar token --user NAME --purpose \"...\"').";
	}

}
