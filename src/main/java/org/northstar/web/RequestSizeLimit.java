package org.northstar.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a request body larger than {@code northstar.max-request}
 * ({@code NORTHSTAR_MAX_REQUEST}) on every path, before anything reads it: 413, with an
 * OperationOutcome under {@code /fhir} and a plain sentence elsewhere. A body that says
 * its length is refused on its headers alone; one sent in chunks is read no further than
 * the limit. Either way the server never holds more of it than the limit, and Tomcat
 * drains at most {@code server.tomcat.max-swallow-size} of the rest before closing the
 * connection.
 */
final class RequestSizeLimit extends OncePerRequestFilter {

	/**
	 * Set on a request whose chunked body passed the limit while being read, for the FHIR
	 * server to answer 413 rather than the error the failed read caused.
	 */
	static final String EXCEEDED = "northstar.request-too-large";

	private final long maxBytes;

	RequestSizeLimit(long maxBytes) {
		this.maxBytes = maxBytes;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long length = request.getContentLengthLong();
		if (length > this.maxBytes) {
			refuse(request, response);
			return;
		}
		HttpServletRequest limited = length < 0 && request.getHeader("Transfer-Encoding") != null
				? new Limited(request, this.maxBytes) : request;
		chain.doFilter(limited, response);
		if (request.getAttribute(EXCEEDED) != null && !response.isCommitted()) {
			response.reset();
			refuse(request, response);
		}
	}

	/** What the client is told, in the format of the path it called. */
	String reason() {
		return "The request body is larger than the " + megabytes(this.maxBytes)
				+ " Northstar takes (northstar.max-request, NORTHSTAR_MAX_REQUEST); nothing of it was kept.";
	}

	private void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
		response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
		// The rest of the body is not read: the connection ends with this answer.
		response.setHeader("Connection", "close");
		String path = request.getRequestURI().substring(request.getContextPath().length());
		byte[] body;
		if (path.equals("/fhir") || path.startsWith("/fhir/")) {
			response.setContentType("application/fhir+json;charset=UTF-8");
			body = ("{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"code\":\"too-long\","
					+ "\"diagnostics\":\"" + reason() + "\"}]}")
				.getBytes(StandardCharsets.UTF_8);
		}
		else {
			response.setContentType("text/plain;charset=UTF-8");
			body = (reason() + "\n").getBytes(StandardCharsets.UTF_8);
		}
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
	}

	private static String megabytes(long bytes) {
		return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MB" : bytes + " bytes";
	}

	/** A chunked body that ends in an error once it passes the limit. */
	private static final class Limited extends HttpServletRequestWrapper {

		private final long maxBytes;

		private ServletInputStream body;

		Limited(HttpServletRequest request, long maxBytes) {
			super(request);
			this.maxBytes = maxBytes;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (this.body == null) {
				this.body = new Counted(super.getInputStream(), this.maxBytes, this);
			}
			return this.body;
		}

		@Override
		public java.io.BufferedReader getReader() throws IOException {
			String encoding = getCharacterEncoding();
			return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(),
					encoding == null ? StandardCharsets.UTF_8 : java.nio.charset.Charset.forName(encoding)));
		}

	}

	private static final class Counted extends ServletInputStream {

		private final ServletInputStream in;

		private final long maxBytes;

		private final HttpServletRequest request;

		private long read;

		Counted(ServletInputStream in, long maxBytes, HttpServletRequest request) {
			this.in = in;
			this.maxBytes = maxBytes;
			this.request = request;
		}

		@Override
		public int read() throws IOException {
			int b = this.in.read();
			if (b >= 0) {
				count(1);
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int n = this.in.read(buffer, offset, length);
			if (n > 0) {
				count(n);
			}
			return n;
		}

		private void count(int n) throws IOException {
			this.read += n;
			if (this.read > this.maxBytes) {
				this.request.setAttribute(EXCEEDED, Boolean.TRUE);
				throw new IOException("The request body is larger than " + this.maxBytes + " bytes");
			}
		}

		@Override
		public boolean isFinished() {
			return this.in.isFinished();
		}

		@Override
		public boolean isReady() {
			return this.in.isReady();
		}

		@Override
		public void setReadListener(ReadListener listener) {
			this.in.setReadListener(listener);
		}

	}

}
