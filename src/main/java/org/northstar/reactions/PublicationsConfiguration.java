package org.northstar.reactions;

import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.modulith.events.core.EventPublicationRepository;
import org.springframework.modulith.events.core.EventSerializer;

/**
 * How reactions' publications are stored: completed in the reaction's own transaction
 * ({@link ReactionCompletion}), and each event serialised once however many listeners it
 * has ({@link SerializedOnce}).
 */
@Configuration(proxyBeanMethods = false)
class PublicationsConfiguration {

	/**
	 * Completing in the reaction's transaction means deleting: with another completion
	 * mode (keeping completed publications), Modulith's own completion is left alone.
	 */
	@Bean
	static BeanPostProcessor completingPublications(ObjectProvider<ReactionCompletion> completion,
			ObjectProvider<JdbcOperations> jdbc, ObjectProvider<EventSerializer> serializer, Environment environment) {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessAfterInitialization(Object bean, String name) {
				boolean deleting = "DELETE"
					.equalsIgnoreCase(environment.getProperty("spring.modulith.events.completion-mode", "UPDATE"));
				if (bean instanceof EventPublicationRepository repository && deleting) {
					return new CompletingPublications(repository, completion.getObject(), jdbc.getObject(),
							serializer.getObject());
				}
				return bean;
			}
		};
	}

	/** The mapper Modulith's own serializer would use. */
	@Bean
	EventSerializer eventSerializer(ObjectProvider<JsonMapper> mapper, ObjectProvider<JacksonModule> modules) {
		return new SerializedOnce(mapper.getIfAvailable(() -> JsonMapper.builder()
			.disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
			.addModules(modules.orderedStream().toList())
			.build()));
	}

}
