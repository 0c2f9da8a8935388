package org.northstar.security;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Failed sign-ins counted per client address, whatever accounts they tried: the account
 * lockout stops guessing one account's password, this stops one address from guessing
 * across many accounts (or from locking them all out). Past
 * {@code northstar.sign-in.address-failures} failures within
 * {@code northstar.sign-in.address-window}, the address is refused for one window without
 * any password being checked; attempts while refused do not extend it. Kept in the
 * database, so every node of a deployment counts together.
 */
@Component
class SignInThrottle {

	private final JdbcClient jdbc;

	private final int limit;

	private final Duration window;

	SignInThrottle(JdbcClient jdbc, @Value("${northstar.sign-in.address-failures:20}") int limit,
			@Value("${northstar.sign-in.address-window:15m}") Duration window) {
		this.jdbc = jdbc;
		this.limit = limit;
		this.window = window;
	}

	/** Whether sign-ins from the address are refused now. */
	boolean refuses(String address, Instant now) {
		return this.jdbc.sql("select exists (select 1 from sign_in_throttle where address = ? and refused_until > ?)")
			.params(address, Timestamp.from(now))
			.query(Boolean.class)
			.single();
	}

	/**
	 * Counts a failed sign-in from the address.
	 * @return whether this failure made the address refused
	 */
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	boolean recordFailure(String address, Instant now) {
		Timestamp at = Timestamp.from(now);
		Timestamp windowStart = Timestamp.from(now.minus(this.window));
		// Addresses whose window and refusal are both over are forgotten.
		this.jdbc
			.sql("delete from sign_in_throttle where window_started <= ? and (refused_until is null "
					+ "or refused_until <= ?) and address <> ?")
			.params(windowStart, at, address)
			.update();
		return this.jdbc.sql("""
				insert into sign_in_throttle as t (address, failures, window_started) values (?, 1, ?)
				on conflict (address) do update set
				    failures = case when t.window_started <= ? then 1 else t.failures + 1 end,
				    window_started = case when t.window_started <= ? then excluded.window_started
				                          else t.window_started end,
				    refused_until = null
				where t.refused_until is null or t.refused_until <= excluded.window_started
				returning failures
				""").params(address, at, windowStart, windowStart).query(Integer.class).optional().map(failures -> {
			if (failures < this.limit) {
				return false;
			}
			this.jdbc
				.sql("update sign_in_throttle set refused_until = ?, failures = 0, window_started = ? "
						+ "where address = ?")
				.params(Timestamp.from(now.plus(this.window)), at, address)
				.update();
			return true;
		}).orElse(false);
	}

}
