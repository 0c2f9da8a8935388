package org.northstar.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.LiteWebJarsResourceResolver;

/**
 * The static files, at the only paths they are served from: the style sheets, the
 * scripts, and the WebJars (htmx) by version-free path. Spring Boot's default maps every
 * path ({@code /**}) to the static folders, and then, because the WebJars locator turns
 * the resource chain on, each link a template writes ({@code @{...}}) is looked for as a
 * file in every static folder before it is written (spring-framework#27538): on Today,
 * with 136 rows of links, that was two thirds of the page's time. With these three
 * patterns a link to a page matches none and is written as it is. Boot's own mapping is
 * off ({@code spring.web.resources.add-mappings=false}).
 */
@Configuration
class StaticResources implements WebMvcConfigurer {

	/** The paths static files are served from; the security rules let them through. */
	static final String[] PATTERNS = { "/css/**", "/js/**", "/webjars/**" };

	@Override
	public void addResourceHandlers(ResourceHandlerRegistry registry) {
		registry.addResourceHandler("/css/**").addResourceLocations("classpath:/static/css/");
		registry.addResourceHandler("/js/**").addResourceLocations("classpath:/static/js/");
		registry.addResourceHandler("/webjars/**")
			.addResourceLocations("classpath:/META-INF/resources/webjars/")
			.resourceChain(true)
			.addResolver(new LiteWebJarsResourceResolver());
	}

}
