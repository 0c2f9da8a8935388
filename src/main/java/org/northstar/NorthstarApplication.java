package org.northstar;

import org.northstar.cli.NorthstarCommand;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The one deployable. {@link #main} hands the command line to {@link NorthstarCommand},
 * which starts the Spring context only once it knows which subcommand runs.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class NorthstarApplication {

	public static void main(String[] args) {
		System.exit(NorthstarCommand.run(NorthstarApplication.class, args));
	}

}
