package org.northstar.database;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Storage settings, bound from {@code northstar.*} (and so from
 * {@code NORTHSTAR_DATA_DIR}, {@code NORTHSTAR_DB_URL}, {@code NORTHSTAR_DB_USER},
 * {@code NORTHSTAR_DB_PASSWORD}).
 *
 * @param dataDir where the embedded database and the process lock live
 * @param db an external database; when its url is blank the embedded one is used
 * @param demo what a new database is made as: {@code true} a demo ({@code serve}), unless
 * it is external; {@code false} a real one ({@code serve --no-demo}, which also refuses
 * to start on a demo); unset (every other command, the tests) a real one
 */
@ConfigurationProperties("northstar")
public record DatabaseProperties(@DefaultValue("data") Path dataDir, @DefaultValue External db, Boolean demo) {

	public record External(String url, String user, String password, @DefaultValue("10") int poolSize) {

		boolean configured() {
			return url != null && !url.isBlank();
		}

	}

}
