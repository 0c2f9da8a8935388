package org.northstar.web;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.util.unit.DataSize;

@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class RequestSizeConfiguration {

	/**
	 * First of all filters, security's included: an oversized body is refused before
	 * anyone could start reading it, whoever sends it.
	 */
	@Bean
	FilterRegistrationBean<RequestSizeLimit> requestSizeLimit(
			@Value("${northstar.max-request:50MB}") DataSize maxRequest) {
		FilterRegistrationBean<RequestSizeLimit> registration = new FilterRegistrationBean<>(
				new RequestSizeLimit(maxRequest.toBytes()));
		registration.addUrlPatterns("/*");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

}
