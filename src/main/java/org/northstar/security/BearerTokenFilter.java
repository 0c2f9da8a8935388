package org.northstar.security;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates a request that carries {@code Authorization: Bearer <token>}. A request
 * without a valid token stays anonymous and is refused by the chain's entry point.
 */
final class BearerTokenFilter extends OncePerRequestFilter {

	/** Set when a token was presented but is unknown, expired or its user disabled. */
	static final String REJECTED_TOKEN = BearerTokenFilter.class.getName() + ".rejected";

	private final ApiTokens tokens;

	BearerTokenFilter(ApiTokens tokens) {
		this.tokens = tokens;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String header = request.getHeader("Authorization");
		if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
			String token = header.substring(7).trim();
			this.tokens.grant(token).ifPresentOrElse(grant -> {
				List<GrantedAuthority> authorities = new ArrayList<>(UserAccounts.authorities(grant.user().roles()));
				grant.scopes().forEach(scope -> authorities.add(new SimpleGrantedAuthority(scope.authority())));
				var authentication = UsernamePasswordAuthenticationToken.authenticated(grant.user().username(), null,
						authorities);
				SecurityContextHolder.getContext().setAuthentication(authentication);
			}, () -> request.setAttribute(REJECTED_TOKEN, Boolean.TRUE));
		}
		chain.doFilter(request, response);
	}

}
