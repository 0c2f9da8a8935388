package org.northstar.support;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.northstar.cli.DemoCaseload;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * Base of the tests that drive the pages in a real headless Chromium: the demo caseload
 * loaded into the shared database (whatever else it holds), one browser per test class,
 * signed out before each test.
 */
public abstract class BrowserTest extends NorthstarTest {

	protected static Browser browser;

	@LocalServerPort
	protected int port;

	@Autowired
	protected ApplicationContext context;

	@BeforeEach
	void demoCaseloadAndBrowser() {
		if (browser == null) {
			DemoCaseload.load(this.context);
			browser = new Browser(this.port);
		}
		browser.signOut();
	}

	@AfterAll
	static void closeBrowser() {
		if (browser != null) {
			browser.close();
			browser = null;
		}
	}

}
