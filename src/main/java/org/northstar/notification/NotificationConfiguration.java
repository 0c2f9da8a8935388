package org.northstar.notification;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
class NotificationConfiguration {

	/** Development and the demo: what would be sent is logged. */
	@Bean
	@ConditionalOnMissingBean
	NotificationSender loggingNotificationSender() {
		Logger log = LoggerFactory.getLogger(NotificationSender.class);
		return (username, message) -> log.info("Notification for {}: {}", username, message);
	}

}
