package org.northstar.fhirapi;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.api.BundleInclusionRule;
import ca.uhn.fhir.parser.LenientErrorHandler;
import ca.uhn.fhir.rest.api.PreferHandlingEnum;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.interceptor.SearchPreferHandlingInterceptor;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.northstar.security.ApiSecurity;
import org.northstar.security.ApiTokens;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class FhirServerConfiguration {

	/**
	 * The server's own context, not the JVM's shared one, because its parser keeps a
	 * value that is not valid R4 (a code such as {@code telecom.use: "HOME"}) as text
	 * instead of failing: what clients send is judged by the code that knows what it
	 * needs (the import validates every resource and names the entry; Tasks go through
	 * the instance validator), and a resource stored before the import validated must not
	 * fail every search that would return it.
	 */
	static final FhirContext FHIR = tolerant(FhirContext.forR4());

	private static FhirContext tolerant(FhirContext context) {
		context.setParserErrorHandler(new LenientErrorHandler(false).setErrorOnInvalidValue(false));
		return context;
	}

	@Bean
	ServletRegistrationBean<RestfulServer> fhirServlet(TransactionProvider transactions,
			List<IResourceProvider> resourceProviders, FhirServerInterceptors interceptors, ClinicalSearch search,
			DemoDatabaseWrites demo) {
		RestfulServer server = new RestfulServer(FHIR);
		server.setServerName("Northstar");
		server.setImplementationDescription("Northstar care coordination platform");
		server.setDefaultResponseEncoding(ca.uhn.fhir.rest.api.EncodingEnum.JSON);
		// No paging provider: pages are offsets into the search (_offset), so any node
		// behind a load balancer can serve the next page.
		server.setDefaultPageSize(ClinicalSearch.DEFAULT_COUNT);
		server.setMaximumPageSize(ClinicalSearch.MAX_COUNT);
		// A provider attaches a resource to a reference only when _include asked for it.
		server.setBundleInclusionRule(BundleInclusionRule.BASED_ON_RESOURCE_PRESENCE);
		server.registerProvider(transactions);
		server.registerProviders(List.copyOf(resourceProviders));
		Set<String> provided = new HashSet<>();
		resourceProviders.forEach(p -> provided.add(FHIR.getResourceType(p.getResourceType())));
		for (String type : new TreeSet<>(FHIR.getResourceTypes())) {
			if (!provided.contains(type)) {
				server.registerProvider(
						new StoredResourceProvider(FHIR.getResourceDefinition(type).getImplementingClass(), search));
			}
		}
		// Unknown search parameters are a 400, unless the client asks for leniency with
		// "Prefer: handling=lenient": a silently ignored filter returns too much.
		SearchPreferHandlingInterceptor strict = new SearchPreferHandlingInterceptor();
		strict.setDefaultBehaviour(PreferHandlingEnum.STRICT);
		server.registerInterceptor(strict);
		server.registerInterceptor(interceptors);
		server.registerInterceptor(demo);
		ServletRegistrationBean<RestfulServer> registration = new ServletRegistrationBean<>(server, "/fhir/*");
		registration.setName("fhir");
		registration.setLoadOnStartup(1);
		return registration;
	}

	/**
	 * A UTF-8 byte order mark before a body is taken as the encoding's mark, as a file
	 * import takes it, not as a character before the JSON.
	 */
	@Bean
	FilterRegistrationBean<ByteOrderMarkFilter> fhirByteOrderMark() {
		FilterRegistrationBean<ByteOrderMarkFilter> registration = new FilterRegistrationBean<>(
				new ByteOrderMarkFilter());
		registration.addUrlPatterns("/fhir", "/fhir/*");
		return registration;
	}

	/**
	 * Bearer tokens on everything but the CapabilityStatement, which SMART clients read
	 * before they have a token.
	 */
	@Bean
	@Order(10)
	SecurityFilterChain fhirSecurity(HttpSecurity http, ApiTokens tokens) throws Exception {
		http.securityMatcher("/fhir", "/fhir/**");
		return ApiSecurity.bearerTokens(http, tokens, (request, response, ex) -> {
			OperationOutcome outcome = new OperationOutcome();
			outcome.addIssue()
				.setSeverity(OperationOutcome.IssueSeverity.ERROR)
				.setCode(OperationOutcome.IssueType.LOGIN)
				.setDiagnostics(ApiSecurity.refusalReason(request));
			response.setStatus(401);
			response.setHeader("WWW-Authenticate", "Bearer realm=\"northstar\"");
			response.setContentType("application/fhir+json;charset=utf-8");
			response.getOutputStream()
				.write(FHIR.newJsonParser().encodeResourceToString(outcome).getBytes(StandardCharsets.UTF_8));
		}, "/fhir/metadata").build();
	}

}
