package org.northstar.cli;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts the Spring application the way a subcommand needs it. */
final class Application {

	/**
	 * The Spring Boot application class, handed over by {@code main}: the command line
	 * does not know it.
	 */
	private static Class<?> applicationClass;

	private Application() {
	}

	static void use(Class<?> application) {
		applicationClass = application;
	}

	/** For commands that do one job and exit: no web server, quiet logs. */
	static ConfigurableApplicationContext startForTask(CommonOptions common, String... extraArguments) {
		List<String> args = common.springArguments();
		args.add("--logging.level.root=WARN");
		args.addAll(List.of(extraArguments));
		return start(WebApplicationType.NONE, args);
	}

	static ConfigurableApplicationContext startServer(CommonOptions common, List<String> extraArguments) {
		List<String> args = new ArrayList<>(common.springArguments());
		args.addAll(extraArguments);
		return start(WebApplicationType.SERVLET, args);
	}

	private static ConfigurableApplicationContext start(WebApplicationType type, List<String> args) {
		SpringApplication application = new SpringApplication(applicationClass);
		application.setWebApplicationType(type);
		application.setRegisterShutdownHook(true);
		return application.run(args.toArray(String[]::new));
	}

}
