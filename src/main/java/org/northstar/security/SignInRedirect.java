package org.northstar.security;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.savedrequest.DefaultSavedRequest;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.session.InvalidSessionStrategy;

/**
 * Sends a request without a signed-in session to the sign-in page in a way the page that
 * made it can follow, and brings the user back to that page after signing in.
 * <ul>
 * <li>An htmx request (header {@code HX-Request}) gets a 401 with {@code HX-Redirect}:
 * htmx would otherwise follow a redirect itself and swap the sign-in page into the table
 * that asked. The page to come back to is the one htmx says it was on
 * ({@code HX-Current-URL}), not the fragment it asked for.</li>
 * <li>A page (a GET that accepts HTML) is remembered and redirected; anything else, such
 * as the pages' own keep-alive, is redirected without being remembered.</li>
 * </ul>
 * Used both for a session that has expired ({@code /login?expired}) and for a request
 * that never had one ({@code /login}).
 */
final class SignInRedirect implements InvalidSessionStrategy, AuthenticationEntryPoint {

	/** Where {@link HttpSessionRequestCache} keeps the request to come back to. */
	private static final String SAVED_REQUEST = "SPRING_SECURITY_SAVED_REQUEST";

	private static final String MATCHING_PARAMETER = "continue";

	private final String page;

	private final HttpSessionRequestCache pages = new HttpSessionRequestCache();

	/**
	 * @param page the sign-in page, e.g. {@code /login?expired}
	 */
	SignInRedirect(String page) {
		this.page = page;
		this.pages.setRequestMatcher(SignInRedirect::isPage);
	}

	@Override
	public void onInvalidSessionDetected(HttpServletRequest request, HttpServletResponse response) throws IOException {
		// A new session, so that the next request is not taken for an expired one again.
		request.getSession(true);
		redirect(request, response);
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException authException) throws IOException {
		redirect(request, response);
	}

	private void redirect(HttpServletRequest request, HttpServletResponse response) throws IOException {
		String location = request.getContextPath() + this.page;
		if (request.getHeader("HX-Request") != null) {
			rememberHtmxPage(request);
			response.setHeader("HX-Redirect", location);
			response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
			return;
		}
		this.pages.saveRequest(request, response);
		response.sendRedirect(location);
	}

	/**
	 * Remembers the page htmx was on, only its path and query: the host is always ours,
	 * so the header cannot send a user elsewhere after signing in.
	 */
	private static void rememberHtmxPage(HttpServletRequest request) {
		String current = request.getHeader("HX-Current-URL");
		if (current == null) {
			return;
		}
		URI uri;
		try {
			uri = new URI(current);
		}
		catch (URISyntaxException ex) {
			return;
		}
		String path = uri.getRawPath();
		String contextPath = request.getContextPath();
		if (path == null || !path.startsWith(contextPath + "/") || path.startsWith("//")
				|| path.startsWith(contextPath + "/login")) {
			return;
		}
		DefaultSavedRequest saved = new DefaultSavedRequest.Builder().setScheme(request.getScheme())
			.setServerName(request.getServerName())
			.setServerPort(request.getServerPort())
			.setContextPath(contextPath)
			.setRequestURI(path)
			.setServletPath(path.substring(contextPath.length()))
			.setQueryString(uri.getRawQuery())
			.setMethod("GET")
			.setMatchingRequestParameterName(MATCHING_PARAMETER)
			.build();
		request.getSession(true).setAttribute(SAVED_REQUEST, saved);
	}

	private static boolean isPage(HttpServletRequest request) {
		String accept = request.getHeader("Accept");
		return "GET".equals(request.getMethod()) && accept != null && accept.contains("text/html");
	}

}
