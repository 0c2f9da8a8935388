package org.northstar.ingest;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Something to import that can be read more than once: a file or a request body. */
interface ImportInput {

	/** How errors name it: the file path, or the request. */
	String name();

	InputStream open() throws IOException;

	/** Newline-delimited resources rather than one bundle. */
	boolean ndjson();

	static ImportInput of(Path file) {
		String fileName = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
		boolean gzip = fileName.endsWith(".gz");
		boolean ndjson = fileName.endsWith(".ndjson") || fileName.endsWith(".ndjson.gz");
		return new ImportInput() {
			@Override
			public String name() {
				return file.toString();
			}

			@Override
			public InputStream open() throws IOException {
				InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
				return gzip ? new GZIPInputStream(in, 1 << 16) : in;
			}

			@Override
			public boolean ndjson() {
				return ndjson;
			}
		};
	}

	static ImportInput of(String name, byte[] json) {
		return new ImportInput() {
			@Override
			public String name() {
				return name;
			}

			@Override
			public InputStream open() {
				return new ByteArrayInputStream(json);
			}

			@Override
			public boolean ndjson() {
				return false;
			}
		};
	}

}
