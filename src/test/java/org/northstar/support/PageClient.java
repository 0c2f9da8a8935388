package org.northstar.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The pages as an attacker's script sees them: plain HTTP with a session cookie and the
 * CSRF token of the last form read, from a loopback address of the test's choosing
 * (127.0.0.2, 127.0.0.3 ...), so that a test's failed sign-ins are counted against its
 * own address and not against every other test's 127.0.0.1. Java 17's HttpClient cannot
 * choose its local address, hence a socket.
 */
public final class PageClient {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private static final Pattern SESSION = Pattern.compile("JSESSIONID=([^;]+)");

	private final int port;

	private final String address;

	private String session;

	private String csrf;

	private final Map<String, String> headers = new LinkedHashMap<>();

	public PageClient(int port, String address) {
		this.port = port;
		this.address = address;
	}

	/** Signs in through the form, as a browser does. */
	public Response signIn(String username, String password) {
		get("/login");
		return post("/login", Map.of("username", username, "password", password));
	}

	public Response get(String path) {
		return send("GET " + path, null);
	}

	/** As a browser asks for a page: an error then comes as the error page, not JSON. */
	public Response getPage(String path) {
		return send("GET " + path, null, "text/html");
	}

	/** Posts a form with the CSRF token of the last page that had one. */
	public Response post(String path, Map<String, String> form) {
		Map<String, String> fields = new LinkedHashMap<>(form);
		if (this.csrf != null) {
			fields.put("_csrf", this.csrf);
		}
		String body = fields.entrySet()
			.stream()
			.map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		return send("POST " + path, body);
	}

	/**
	 * Posts a form whose fields may repeat (ticked checkboxes of one name), given as
	 * name, value, name, value...
	 */
	public Response postFields(String path, String... namesAndValues) {
		StringBuilder body = new StringBuilder();
		for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
			body.append(body.isEmpty() ? "" : "&")
				.append(URLEncoder.encode(namesAndValues[i], StandardCharsets.UTF_8))
				.append('=')
				.append(URLEncoder.encode(namesAndValues[i + 1], StandardCharsets.UTF_8));
		}
		if (this.csrf != null) {
			body.append(body.isEmpty() ? "" : "&")
				.append("_csrf=")
				.append(URLEncoder.encode(this.csrf, StandardCharsets.UTF_8));
		}
		return send("POST " + path, body.toString());
	}

	/**
	 * Sends the header with every request from now on ({@code HX-Request},
	 * {@code X-Forwarded-For}...); a null value stops sending it.
	 */
	public PageClient header(String name, String value) {
		if (value == null) {
			this.headers.remove(name);
		}
		else {
			this.headers.put(name, value);
		}
		return this;
	}

	/** Forgets the session, as closing the browser would. */
	public PageClient forget() {
		this.session = null;
		this.csrf = null;
		return this;
	}

	// HTTP/1.0, so that the server closes the connection after the answer instead of
	// chunking it.
	private Response send(String requestLine, String body) {
		return send(requestLine, body, null);
	}

	private Response send(String requestLine, String body, String accept) {
		try (Socket socket = new Socket()) {
			socket.bind(new InetSocketAddress(this.address, 0));
			socket.connect(new InetSocketAddress("127.0.0.1", this.port), 10_000);
			socket.setSoTimeout(30_000);
			StringBuilder request = new StringBuilder(requestLine).append(" HTTP/1.0\r\n")
				.append("Host: localhost:")
				.append(this.port)
				.append("\r\n");
			if (this.session != null) {
				request.append("Cookie: JSESSIONID=").append(this.session).append("\r\n");
			}
			if (accept != null) {
				request.append("Accept: ").append(accept).append("\r\n");
			}
			this.headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
			byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
			if (body != null) {
				request.append("Content-Type: application/x-www-form-urlencoded\r\n")
					.append("Content-Length: ")
					.append(content.length)
					.append("\r\n");
			}
			request.append("\r\n");
			OutputStream out = socket.getOutputStream();
			out.write(request.toString().getBytes(StandardCharsets.UTF_8));
			out.write(content);
			out.flush();
			return read(socket.getInputStream());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(requestLine + " from " + this.address + " failed", ex);
		}
	}

	private Response read(InputStream in) throws IOException {
		ByteArrayOutputStream all = new ByteArrayOutputStream();
		in.transferTo(all);
		String text = all.toString(StandardCharsets.UTF_8);
		int split = text.indexOf("\r\n\r\n");
		String head = split < 0 ? text : text.substring(0, split);
		String responseBody = split < 0 ? "" : text.substring(split + 4);
		String[] lines = head.split("\r\n");
		int status = Integer.parseInt(lines[0].split(" ")[1]);
		String location = null;
		List<String> headerLines = new ArrayList<>();
		for (String line : lines) {
			headerLines.add(line);
			String lower = line.toLowerCase();
			if (lower.startsWith("location:")) {
				location = line.substring("location:".length()).strip();
			}
			else if (lower.startsWith("set-cookie:")) {
				Matcher cookie = SESSION.matcher(line);
				if (cookie.find()) {
					this.session = cookie.group(1);
				}
			}
		}
		Matcher token = CSRF.matcher(responseBody);
		if (token.find()) {
			this.csrf = token.group(1);
		}
		return new Response(status, location, responseBody, headerLines.subList(1, headerLines.size()));
	}

	/**
	 * @param location the path a redirect points to, without scheme and host; null if
	 * none
	 * @param headers the header lines as sent ("Name: value")
	 */
	public record Response(int status, String location, String body, List<String> headers) {

		public Response {
			if (location != null) {
				location = location.replaceFirst("^https?://[^/]+", "");
			}
		}

		/** The values of a header, in the order sent. */
		public List<String> header(String name) {
			return this.headers.stream()
				.filter(line -> line.regionMatches(true, 0, name + ":", 0, name.length() + 1))
				.map(line -> line.substring(name.length() + 1).strip())
				.toList();
		}

		public boolean redirectsTo(String path) {
			return (this.status == 302 || this.status == 303) && path.equals(this.location);
		}

	}

}
