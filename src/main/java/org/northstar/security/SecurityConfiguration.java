package org.northstar.security;

import java.nio.charset.StandardCharsets;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;

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

		/** Pages: form login for people. */
		@Bean
		@Order(100)
		SecurityFilterChain pageSecurity(HttpSecurity http) throws Exception {
			return http.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
				.formLogin(form -> form.permitAll())
				.logout(logout -> logout.permitAll())
				.build();
		}

	}

}
