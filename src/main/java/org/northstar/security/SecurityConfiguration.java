package org.northstar.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;

@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	@Bean
	PasswordEncoder passwordEncoder() {
		return new BCryptPasswordEncoder(12);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication
	static class WebSecurity {

		/** The JSON API: bearer tokens, problem details on refusal. */
		@Bean
		@Order(20)
		SecurityFilterChain apiSecurity(HttpSecurity http, ApiTokens tokens) throws Exception {
			http.securityMatcher("/api/**");
			// Role rules come before the chain's catch-all "authenticated".
			http.authorizeHttpRequests(
					requests -> requests.requestMatchers("/api/hl7/**").hasRole(Role.ADMINISTRATOR.name()));
			http.exceptionHandling(exceptions -> exceptions.accessDeniedHandler((request, response, ex) -> {
				response.setStatus(403);
				response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
				response.getOutputStream()
					.write("{\"status\":403,\"title\":\"Forbidden\",\"detail\":\"This needs the ADMINISTRATOR role.\"}"
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
		 * configured idle time, and the administration pages for administrators only.
		 */
		@Bean
		@Order(100)
		SecurityFilterChain pageSecurity(HttpSecurity http,
				@Value("${northstar.session.idle-timeout:15m}") Duration idleTimeout) throws Exception {
			SavedRequestAwareAuthenticationSuccessHandler signedIn = new SavedRequestAwareAuthenticationSuccessHandler() {
				@Override
				public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
						Authentication authentication) throws ServletException, IOException {
					request.getSession().setMaxInactiveInterval((int) idleTimeout.toSeconds());
					super.onAuthenticationSuccess(request, response, authentication);
				}
			};
			return http
				.authorizeHttpRequests(requests -> requests
					.requestMatchers("/login", "/css/**", "/webjars/**", "/favicon.ico", "/error")
					.permitAll()
					.requestMatchers("/admin/**")
					.hasRole(Role.ADMINISTRATOR.name())
					.anyRequest()
					.authenticated())
				.formLogin(form -> form.loginPage("/login")
					.successHandler(signedIn)
					.failureHandler((request, response, ex) -> {
						String reason = ex instanceof LockedException ? "locked"
								: ex instanceof DisabledException ? "disabled" : "error";
						response.sendRedirect(request.getContextPath() + "/login?" + reason);
					})
					.permitAll())
				.logout(logout -> logout.logoutSuccessUrl("/login?signed-out").permitAll())
				.sessionManagement(session -> session.invalidSessionUrl("/login?expired"))
				.build();
		}

	}

}
