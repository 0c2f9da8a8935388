package org.northstar.scheduling;

import java.time.Clock;
import java.util.Map;
import java.util.TreeSet;

import org.northstar.patient.People;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Appointment reminders go through the {@link ReminderSender} bean named by
 * {@code northstar.reminders.sender}: {@code log} (the default) only logs, which is what
 * development and the demo need; a deployment adds its gateway's sender as a bean of its
 * own name and names it there.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class RemindersConfiguration {

	/**
	 * Logs that a reminder would have gone: its ids and language, nothing about the
	 * person.
	 */
	@Bean(name = "log")
	ReminderSender logReminderSender() {
		Logger log = LoggerFactory.getLogger(ReminderSender.class);
		return message -> log.info(
				"Reminder {} of appointment {} ({}) logged, not sent: no reminder sender is set"
						+ " (northstar.reminders.sender)",
				message.reminder(), message.appointment(), message.language());
	}

	@Bean
	ReminderDelivery reminderDelivery(JdbcClient jdbc, TransactionTemplate transactions,
			Map<String, ReminderSender> senders, @Value("${northstar.reminders.sender:log}") String name,
			Reminders reminders, Appointments appointments, People people, Clinics clinics, Commitments commitments,
			SmsReminders sms, Clock clock) {
		ReminderSender sender = senders.get(name.strip());
		if (sender == null) {
			throw new IllegalStateException("northstar.reminders.sender: there is no reminder sender named '" + name
					+ "'; there are " + new TreeSet<>(senders.keySet()));
		}
		return new ReminderDelivery(jdbc, transactions, sender, reminders, appointments, people, clinics, commitments,
				sms, clock);
	}

}
