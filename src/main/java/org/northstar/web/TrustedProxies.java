package org.northstar.web;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.apache.catalina.valves.RemoteIpValve;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Behind a TLS proxy: the client's address and scheme from {@code X-Forwarded-For} and
 * {@code X-Forwarded-Proto}, but only on connections from the proxies named in
 * {@code northstar.trusted-proxies} ({@code NORTHSTAR_TRUSTED_PROXIES}). Anyone else
 * could write those headers, and so put any address they like into the audit trail and
 * past the per-address sign-in throttle; their headers are ignored. With none named (the
 * default) no forwarded header is read.
 * <p>
 * Tomcat's {@link RemoteIpValve} does the reading: it takes the right-most address in
 * {@code X-Forwarded-For} that is not a trusted proxy, so addresses a client wrote to the
 * left of what the proxy appended are ignored. A request the proxy marks
 * {@code X-Forwarded-Proto: https} is secure, and the session cookie is then
 * {@code Secure}. Spring Boot's own {@code server.forward-headers-strategy=native} would
 * trust every private address instead; leave it unset.
 */
@Component
class TrustedProxies implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

	private static final Pattern ADDRESS = Pattern.compile("[0-9.]+|[0-9a-fA-F:]+");

	private final List<String> proxies;

	/**
	 * @param proxies the proxies' addresses, as they connect to Northstar, comma
	 * separated: IPv4 or IPv6 literals, no names or ranges
	 * @throws IllegalStateException if an entry is not an address literal
	 */
	TrustedProxies(@Value("${northstar.trusted-proxies:}") String proxies) {
		this.proxies = Arrays.stream(proxies.split(",")).map(String::strip).filter(p -> !p.isEmpty()).toList();
		for (String proxy : this.proxies) {
			if (!ADDRESS.matcher(proxy).matches()) {
				throw new IllegalStateException("northstar.trusted-proxies names addresses such as 10.0.0.5, not '"
						+ proxy + "': a name or range would trust more than the proxy");
			}
		}
	}

	@Override
	public void customize(TomcatServletWebServerFactory factory) {
		if (this.proxies.isEmpty()) {
			return;
		}
		RemoteIpValve valve = new RemoteIpValve();
		valve.setInternalProxies(this.proxies.stream().map(Pattern::quote).collect(Collectors.joining("|")));
		valve.setRemoteIpHeader("X-Forwarded-For");
		valve.setProtocolHeader("X-Forwarded-Proto");
		valve.setProtocolHeaderHttpsValue("https");
		factory.addEngineValves(valve);
	}

}
