package org.northstar.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}, which
 * {@code .ci/run} installs), driven through Selenium, for tests that use the pages as a
 * coordinator would.
 */
public final class Browser implements AutoCloseable {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	private final ChromeDriver driver;

	private final String base;

	private final WebDriverWait wait;

	public Browser(int port) {
		if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
			throw new IllegalStateException(
					"Browser tests need Debian's chromium and chromium-driver: apt-get install -y chromium chromium-driver");
		}
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
				"--disable-sync", "--window-size=1280,900");
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		this.driver = new ChromeDriver(service, options);
		this.base = "http://localhost:" + port;
		this.wait = new WebDriverWait(this.driver, Duration.ofSeconds(10));
	}

	public Browser open(String path) {
		this.driver.get(this.base + path);
		return this;
	}

	/** Forgets the session, as closing the browser would. */
	public Browser signOut() {
		this.driver.manage().deleteAllCookies();
		return this;
	}

	public Browser signIn(String username, String password) {
		open("/login");
		this.driver.findElement(By.id("username")).sendKeys(username);
		this.driver.findElement(By.id("password")).sendKeys(password);
		this.driver.findElement(By.cssSelector("button[type=submit]")).click();
		// The click returns before the answer to the form post has loaded.
		this.wait.until(d -> !d.getCurrentUrl().endsWith("/login"));
		return this;
	}

	public String path() {
		return this.driver.getCurrentUrl().substring(this.base.length());
	}

	public String heading() {
		return this.driver.findElement(By.tagName("h1")).getText();
	}

	public String text() {
		return this.driver.findElement(By.tagName("body")).getText();
	}

	public WebElement find(String css) {
		return this.driver.findElement(By.cssSelector(css));
	}

	public List<WebElement> all(String css) {
		return this.driver.findElements(By.cssSelector(css));
	}

	/** Follows a link and waits for the next page. */
	public Browser click(String linkText) {
		return andWaitForNextPage(this.driver.findElement(By.linkText(linkText)));
	}

	/** Presses a button that submits a form and waits for the page the answer loads. */
	public Browser press(String css) {
		return andWaitForNextPage(find(css));
	}

	/** Presses a button inside an element, as {@link #press(String)}. */
	public Browser press(WebElement within, String css) {
		return andWaitForNextPage(within.findElement(By.cssSelector(css)));
	}

	// A click returns before the next page has loaded; until it has, the old page's
	// elements are still there to be found.
	private Browser andWaitForNextPage(WebElement target) {
		WebElement page = this.driver.findElement(By.tagName("html"));
		target.click();
		this.wait.until((driver) -> isGone(page));
		return this;
	}

	// Chromium answers for an element of a page it is leaving either "stale" or, caught
	// mid-navigation, "Node with given id does not belong to the document": both mean
	// gone.
	private static boolean isGone(WebElement element) {
		try {
			element.isEnabled();
			return false;
		}
		catch (StaleElementReferenceException ex) {
			return true;
		}
		catch (WebDriverException ex) {
			if (ex.getMessage() != null && ex.getMessage().contains("does not belong to the document")) {
				return true;
			}
			throw ex;
		}
	}

	public Browser type(String css, String text) {
		WebElement field = find(css);
		field.clear();
		field.sendKeys(text);
		return this;
	}

	/**
	 * Waits until the page shows the text, for content htmx swaps in: the element is
	 * found again at each look, since a swap can replace it while its text is read.
	 */
	public Browser awaitText(String css, String text) {
		this.wait.until((driver) -> {
			List<WebElement> found = driver.findElements(By.cssSelector(css));
			return !found.isEmpty() && !isGone(found.get(0)) && textOf(found.get(0)).contains(text);
		});
		return this;
	}

	/** An element's text, or none when a swap replaced it while it was read. */
	private static String textOf(WebElement element) {
		try {
			return element.getText();
		}
		catch (WebDriverException ex) {
			if (isGone(element)) {
				return "";
			}
			throw ex;
		}
	}

	/** Waits until the element is shown, for what a script shows later. */
	public Browser awaitVisible(String css) {
		this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
		return this;
	}

	/** Waits until the browser is at the path, for what a script navigates to. */
	public Browser awaitPath(String path) {
		this.wait.until(d -> d.getCurrentUrl().substring(this.base.length()).startsWith(path));
		return this;
	}

	/**
	 * From now on, every page keeps the Content-Security-Policy violations it reports,
	 * for {@link #policyViolations()}; the listener is added by the browser before the
	 * page's own scripts, and is not itself subject to the policy.
	 */
	public Browser recordPolicyViolations() {
		this.driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", """
				window.__policyViolations = [];
				document.addEventListener('securitypolicyviolation', function (e) {
				  window.__policyViolations.push(e.violatedDirective + ' blocked ' + e.blockedURI + ' at '
				      + e.sourceFile + ':' + e.lineNumber + ' ' + (e.sample || ''));
				});
				"""));
		return this;
	}

	/**
	 * The violations the page now shown has reported; see
	 * {@link #recordPolicyViolations()}.
	 */
	@SuppressWarnings("unchecked")
	public List<String> policyViolations() {
		Object violations = this.driver.executeScript("return window.__policyViolations || ['not recorded'];");
		return (List<String>) violations;
	}

	/** Runs a script in the page shown and answers what it returns. */
	public Object script(String script) {
		return this.driver.executeScript(script);
	}

	/**
	 * From now on, runs the script in every page before the page's own scripts (and
	 * outside its Content-Security-Policy): to give a page a clock the test moves.
	 */
	public Browser beforeEveryPage(String script) {
		this.driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", script));
		return this;
	}

	/** Waits until the field's value is the one given, for what a script writes. */
	public Browser awaitValue(String css, String value) {
		this.wait.until(d -> value.equals(d.findElement(By.cssSelector(css)).getDomProperty("value")));
		return this;
	}

	public Browser awaitCount(String css, int count) {
		this.wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(css), count));
		return this;
	}

	/** Fetches a path outside the browser, with the browser's session: for downloads. */
	public String download(String path) {
		try {
			java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient()
				.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(this.base + path))
					.header("Cookie", "JSESSIONID=" + this.driver.manage().getCookieNamed("JSESSIONID").getValue())
					.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				throw new IllegalStateException(path + " answered " + response.statusCode());
			}
			return response.body();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Keeps a picture of the page under target/screenshots, for a person to look at. */
	public void screenshot(String name) {
		try {
			Path dir = Files.createDirectories(Path.of("target/screenshots"));
			Files.write(dir.resolve(name + ".png"), this.driver.getScreenshotAs(OutputType.BYTES));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		this.driver.quit();
	}

}
