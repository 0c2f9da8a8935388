package org.northstar.ingest.hl7;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The listener runs with the web application ({@code serve}) only: {@code import} and
 * {@code token} run without a web server and must not take the port.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
@ConditionalOnProperty(name = "northstar.hl7.enabled", havingValue = "true", matchIfMissing = true)
class Hl7Configuration {

	@Bean
	MllpListener mllpListener(Hl7Inbox inbox, Hl7Properties properties) {
		return new MllpListener(inbox, properties);
	}

}
