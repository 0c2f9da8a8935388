package org.northstar.security;

import java.io.IOException;
import java.util.Optional;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.northstar.audit.AuditAction;
import org.northstar.audit.AuditRecord;
import org.northstar.audit.AuditRecord.Outcome;
import org.northstar.audit.AuditTrail;
import org.northstar.security.UserAccounts.SessionState;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads the account behind a signed-in session on every request. A session whose account
 * was disabled, or whose roles, team or password changed since it signed in (the
 * account's security stamp moved), ends on that request. A user holding a one-time
 * password may only choose a new one.
 */
public final class SessionGuard extends OncePerRequestFilter {

	/** The page where a user chooses their password. */
	public static final String PASSWORD_PAGE = "/account/password";

	static final String STAMP = SessionGuard.class.getName() + ".stamp";

	/** What a user who must change their password may still reach. */
	private static final Set<String> OPEN_WHILE_CHANGING = Set.of(PASSWORD_PAGE, "/logout", "/error", "/favicon.ico");

	private static final Set<String> STATIC_PREFIXES = Set.of("/css/", "/js/", "/webjars/");

	private final UserAccounts accounts;

	private final AuditTrail audit;

	SessionGuard(UserAccounts accounts, AuditTrail audit) {
		this.accounts = accounts;
		this.audit = audit;
	}

	/**
	 * Lets the session this request belongs to go on after the user changed their own
	 * password, which ends their other sessions.
	 * @param stamp the account's new security stamp
	 */
	public static void keep(HttpServletRequest request, long stamp) {
		HttpSession session = request.getSession(false);
		if (session != null) {
			session.setAttribute(STAMP, stamp);
		}
	}

	/** Remembers, in a session just signed in, the stamp its account had then. */
	static void signedIn(HttpServletRequest request, Authentication authentication) {
		if (authentication.getPrincipal() instanceof UserAccounts.AccountDetails details) {
			request.getSession().setAttribute(STAMP, details.stamp());
		}
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		HttpSession session = request.getSession(false);
		if (authentication == null || !authentication.isAuthenticated()
				|| authentication instanceof AnonymousAuthenticationToken || session == null) {
			chain.doFilter(request, response);
			return;
		}
		String username = authentication.getName();
		Optional<SessionState> state = this.accounts.sessionState(username);
		Object stamp = session.getAttribute(STAMP);
		String ended = state.isEmpty() ? "account removed"
				: !state.get().enabled() ? "account disabled"
						: !(stamp instanceof Long signedInWith) || signedInWith != state.get().stamp()
								? "roles, team or password changed since sign-in" : null;
		if (ended != null) {
			session.invalidate();
			SecurityContextHolder.clearContext();
			// A fresh session, so that the sign-in page does not take the old one's id
			// for
			// an idle timeout.
			request.getSession(true);
			this.audit.record(new AuditRecord(username, null, AuditAction.LOGOUT, null,
					"session ended on its next request: " + ended, request.getRemoteAddr(), Outcome.SUCCESS, false,
					null));
			redirect(request, response, "/login?ended");
			return;
		}
		String path = request.getRequestURI().substring(request.getContextPath().length());
		if (state.get().mustChangePassword() && !OPEN_WHILE_CHANGING.contains(path)
				&& STATIC_PREFIXES.stream().noneMatch(path::startsWith)) {
			redirect(request, response, PASSWORD_PAGE);
			return;
		}
		chain.doFilter(request, response);
	}

	/**
	 * htmx follows a redirect inside the page; it must replace the whole page instead.
	 */
	private static void redirect(HttpServletRequest request, HttpServletResponse response, String path)
			throws IOException {
		String location = request.getContextPath() + path;
		if (request.getHeader("HX-Request") != null) {
			response.setHeader("HX-Redirect", location);
			response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
			return;
		}
		response.sendRedirect(location);
	}

}
