package org.northstar.database;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.northstar.support.NorthstarTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded PostgreSQL keeps what it reports committed, whatever the library that
 * starts it would choose: read from the running server.
 */
class DurableEmbeddedDatabaseTests extends NorthstarTest {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DatabaseDurability durability;

	@Test
	void flushesEveryCommitToDiskBeforeReportingIt() {
		assertThat(show("fsync")).isEqualTo("on");
		assertThat(show("synchronous_commit")).isEqualTo("on");
		assertThat(show("full_page_writes")).isEqualTo("on");
		assertThat(this.durability.crashSafe()).isTrue();
		assertThat(this.durability.warnings()).isEmpty();
	}

	@Test
	void overridesTheLibrarysFsyncOffOnThePostmastersCommandLine() throws Exception {
		String pid = Files.readAllLines(dataDir().resolve("postgres/postmaster.pid"), StandardCharsets.UTF_8).get(0);
		List<String> arguments = Arrays
			.asList(Files.readString(Path.of("/proc", pid.trim(), "cmdline"), StandardCharsets.UTF_8).split("\0"));
		// -F is fsync=off; the postmaster applies its options in order, so the later
		// -c fsync=on wins.
		assertThat(arguments).containsSubsequence("-F", "-c", "fsync=on")
			.contains("synchronous_commit=on", "full_page_writes=on");
		assertThat(this.jdbc.sql("select source from pg_settings where name = 'fsync'").query(String.class).single())
			.isEqualTo("command line");
	}

	private String show(String setting) {
		return this.jdbc.sql("show " + setting).query(String.class).single();
	}

}
