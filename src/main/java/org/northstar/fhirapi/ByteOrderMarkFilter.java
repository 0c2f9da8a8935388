package org.northstar.fhirapi;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PushbackInputStream;
import java.nio.charset.Charset;
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
 * Drops a UTF-8 byte order mark at the start of a request body. Editors on Windows write
 * one; JSON parsers reading text see it as a stray character before the document.
 */
class ByteOrderMarkFilter extends OncePerRequestFilter {

	private static final byte[] MARK = { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF };

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		boolean hasBody = "POST".equals(request.getMethod()) || "PUT".equals(request.getMethod())
				|| "PATCH".equals(request.getMethod());
		chain.doFilter(hasBody ? new WithoutMark(request) : request, response);
	}

	private static final class WithoutMark extends HttpServletRequestWrapper {

		private ServletInputStream body;

		WithoutMark(HttpServletRequest request) {
			super(request);
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (this.body == null) {
				this.body = new Body(super.getInputStream());
			}
			return this.body;
		}

		@Override
		public BufferedReader getReader() throws IOException {
			String encoding = getCharacterEncoding();
			Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
			return new BufferedReader(new InputStreamReader(getInputStream(), charset));
		}

	}

	private static final class Body extends ServletInputStream {

		private final ServletInputStream original;

		private final PushbackInputStream in;

		Body(ServletInputStream original) throws IOException {
			this.original = original;
			this.in = new PushbackInputStream(original, MARK.length);
			byte[] start = new byte[MARK.length];
			int read = this.in.readNBytes(start, 0, MARK.length);
			boolean mark = read == MARK.length && start[0] == MARK[0] && start[1] == MARK[1] && start[2] == MARK[2];
			if (!mark && read > 0) {
				this.in.unread(start, 0, read);
			}
		}

		@Override
		public int read() throws IOException {
			return this.in.read();
		}

		@Override
		public int read(byte[] bytes, int offset, int length) throws IOException {
			return this.in.read(bytes, offset, length);
		}

		@Override
		public boolean isFinished() {
			try {
				return this.in.available() == 0 && this.original.isFinished();
			}
			catch (IOException ex) {
				return true;
			}
		}

		@Override
		public boolean isReady() {
			return true;
		}

		@Override
		public void setReadListener(ReadListener listener) {
			this.original.setReadListener(listener);
		}

	}

}
