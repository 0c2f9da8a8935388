package org.northstar.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.northstar.audit.AuditTrail;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.crypto.password.Pbkdf2PasswordEncoder;
import org.springframework.security.crypto.password.Pbkdf2PasswordEncoder.SecretKeyFactoryAlgorithm;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	/** OWASP's recommendation for PBKDF2-HMAC-SHA256 (2023). */
	static final int PBKDF2_ITERATIONS = 600_000;

	private static final String PBKDF2 = "pbkdf2-sha256";

	/**
	 * PBKDF2 with HMAC-SHA-256 (NIST SP 800-132; HMAC and SHA-256 are approved security
	 * functions of FIPS 140-2 Annex A, as ONC's (d)(12) asks), 16-byte random salts and
	 * {@value #PBKDF2_ITERATIONS} iterations. Hashes made with bcrypt before are still
	 * read, and replaced with PBKDF2 at their user's next sign-in.
	 */
	@Bean
	PasswordEncoder passwordEncoder() {
		PasswordEncoder bcrypt = new BCryptPasswordEncoder(12);
		DelegatingPasswordEncoder encoder = new DelegatingPasswordEncoder(PBKDF2, Map.of(PBKDF2,
				new Pbkdf2PasswordEncoder("", 16, PBKDF2_ITERATIONS, SecretKeyFactoryAlgorithm.PBKDF2WithHmacSHA256),
				"bcrypt", bcrypt));
		// Hashes stored before they carried the name of their algorithm are bcrypt.
		encoder.setDefaultPasswordEncoderForMatches(bcrypt);
		return encoder;
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication
	static class WebSecurity {

		/**
		 * Only Northstar's own files: no inline script or style, no eval, no other
		 * origin, no framing. htmx and the pages' script are served from Northstar, and
		 * htmx is told not to add inline styles (layout.html).
		 */
		static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
				+ "img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; "
				+ "form-action 'self'; frame-ancestors 'none'";

		/** The JSON API: bearer tokens, problem details on refusal. */
		@Bean
		@Order(20)
		SecurityFilterChain apiSecurity(HttpSecurity http, ApiTokens tokens) throws Exception {
			http.securityMatcher("/api/**");
			// Role and scope rules come before the chain's catch-all "authenticated". A
			// read needs a read scope, anything else user/*.write: a read-only token
			// never reprocesses a message, a patient/*.read token never lists them. The
			// SMS
			// gateway's callback is an integration's, with system/*.write.
			http.authorizeHttpRequests(requests -> requests.requestMatchers(HttpMethod.GET, "/api/hl7/**")
				.access(ApiSecurity.scoped(Role.ADMINISTRATOR, ApiScope.USER_READ, ApiScope.SYSTEM_READ))
				.requestMatchers("/api/hl7/**")
				.access(ApiSecurity.scoped(Role.ADMINISTRATOR, ApiScope.USER_WRITE))
				.requestMatchers(HttpMethod.POST, "/api/sms/replies")
				.access(ApiSecurity.scoped(null, ApiScope.SYSTEM_WRITE))
				.requestMatchers(HttpMethod.GET, "/api/**")
				.access(ApiSecurity.scoped(null, ApiScope.USER_READ, ApiScope.SYSTEM_READ))
				.requestMatchers("/api/**")
				.access(ApiSecurity.scoped(null, ApiScope.USER_WRITE)));
			http.exceptionHandling(exceptions -> exceptions.accessDeniedHandler((request, response, ex) -> {
				response.setStatus(403);
				response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
				response.getOutputStream()
					.write(("{\"status\":403,\"title\":\"Forbidden\",\"detail\":\""
							+ ApiSecurity.forbiddenReason(request).replace("\"", "'") + "\"}")
						.getBytes(StandardCharsets.UTF_8));
			}));
			return ApiSecurity.bearerTokens(http, tokens, (request, response, ex) -> {
				response.setStatus(401);
				response.setHeader("WWW-Authenticate", "Bearer");
				response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
				response.getOutputStream()
					.write(("{\"status\":401,\"title\":\"Unauthorized\",\"detail\":\""
							+ ApiSecurity.refusalReason(request).replace("\"", "'") + "\"}")
						.getBytes(StandardCharsets.UTF_8));
			}).build();
		}

		/**
		 * Pages: form login for people, CSRF on every form, sessions that end after the
		 * configured idle time or when their account changes, and the administration
		 * pages for administrators only. Sign-ins are checked by {@link SignInGuard}
		 * alone: no other authentication manager stands behind it.
		 */
		@Bean
		@Order(100)
		SecurityFilterChain pageSecurity(HttpSecurity http,
				@Value("${northstar.session.idle-timeout:15m}") Duration idleTimeout, UserAccounts accounts,
				PasswordEncoder passwordEncoder, SignInThrottle throttle, AuditTrail audit) throws Exception {
			SavedRequestAwareAuthenticationSuccessHandler signedIn = new SavedRequestAwareAuthenticationSuccessHandler() {
				@Override
				public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
						Authentication authentication) throws ServletException, IOException {
					request.getSession().setMaxInactiveInterval((int) idleTimeout.toSeconds());
					SessionGuard.signedIn(request, authentication);
					super.onAuthenticationSuccess(request, response, authentication);
				}
			};
			return http
				.authenticationManager(new ProviderManager(new SignInGuard(accounts, passwordEncoder, throttle, audit)))
				.addFilterAfter(new SessionGuard(accounts, audit), SecurityContextHolderFilter.class)
				.authorizeHttpRequests(requests -> requests
					.requestMatchers("/login", "/css/**", "/js/**", "/webjars/**", "/favicon.ico", "/error")
					.permitAll()
					.requestMatchers("/admin/**")
					.hasRole(Role.ADMINISTRATOR.name())
					.anyRequest()
					.authenticated())
				.formLogin(form -> form.loginPage("/login")
					.successHandler(signedIn)
					// One answer for every failure: it must not tell whether the account
					// exists, is locked or disabled.
					.failureUrl("/login?error")
					.permitAll())
				.logout(logout -> logout.logoutSuccessUrl("/login?signed-out").permitAll())
				// htmx asks for parts of pages: it must be sent to the sign-in page, not
				// given the sign-in page to swap into a table.
				.exceptionHandling(exceptions -> exceptions.defaultAuthenticationEntryPointFor(
						new SignInRedirect("/login"), request -> request.getHeader("HX-Request") != null))
				.sessionManagement(session -> session.invalidSessionStrategy(new SignInRedirect("/login?expired")))
				.headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
					.referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)))
				.build();
		}

	}

}
