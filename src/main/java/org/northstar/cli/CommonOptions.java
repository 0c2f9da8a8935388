package org.northstar.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine.Option;

/** Options every subcommand takes. */
class CommonOptions {

	@Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "${env:NORTHSTAR_DATA_DIR:-data}",
			description = "Where the embedded database keeps its files (default: ${DEFAULT-VALUE}; env NORTHSTAR_DATA_DIR). "
					+ "Ignored when NORTHSTAR_DB_URL names an external PostgreSQL.")
	Path dataDir;

	/** Spring arguments that carry these options into the application. */
	List<String> springArguments() {
		List<String> args = new ArrayList<>();
		args.add("--northstar.data-dir=" + this.dataDir.toAbsolutePath());
		return args;
	}

}
