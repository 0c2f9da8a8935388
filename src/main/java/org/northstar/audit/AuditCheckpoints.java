package org.northstar.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Takes signed checkpoints of the audit trail and keeps them outside the database: in a
 * file or directory (ideally on another machine's share, or write-once storage), or
 * posted to a URL (a log collector). With {@code northstar.audit.checkpoint-dir} or
 * {@code checkpoint-url} set, {@code serve} does so every {@code checkpoint-interval}.
 */
@Service
public class AuditCheckpoints {

	private static final Logger log = LoggerFactory.getLogger(AuditCheckpoints.class);

	static final String PREFIX = "audit-checkpoint-";

	private final AuditTrail audit;

	private final AuditProperties properties;

	AuditCheckpoints(AuditTrail audit, AuditProperties properties) {
		this.audit = audit;
		this.properties = properties;
	}

	/**
	 * Writes a checkpoint of the trail as it ends now.
	 * @param target a file, or an existing directory to write
	 * {@code audit-checkpoint-<seq>-<time>.json} into
	 * @return the file written
	 */
	public Path write(Path target) {
		return write(this.audit.checkpoint(), target);
	}

	static Path write(AuditCheckpoint checkpoint, Path target) {
		Path file = Files.isDirectory(target) ? target.resolve(PREFIX + String.format("%012d", checkpoint.seq()) + "-"
				+ checkpoint.time().toString().replace(":", "") + ".json") : target;
		try {
			Path parent = file.toAbsolutePath().getParent();
			Files.createDirectories(parent);
			// Written whole or not at all: a half-written checkpoint would fail
			// verification.
			Path partial = Files.createTempFile(parent, ".audit-checkpoint", ".part");
			Files.writeString(partial, checkpoint.toJson(), StandardCharsets.UTF_8);
			return Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write the audit checkpoint to " + file.toAbsolutePath(), ex);
		}
	}

	/**
	 * Posts a checkpoint of the trail as it ends now, as JSON.
	 * @throws IllegalStateException when the server does not answer 2xx
	 */
	public AuditCheckpoint post(URI url) {
		AuditCheckpoint checkpoint = this.audit.checkpoint();
		HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
		HttpRequest request = HttpRequest.newBuilder(url)
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(checkpoint.toJson(), StandardCharsets.UTF_8))
			.build();
		try {
			HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() / 100 != 2) {
				throw new IllegalStateException(
						"Posting the audit checkpoint to " + url + " failed: HTTP " + response.statusCode());
			}
			return checkpoint;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot post the audit checkpoint to " + url + ": " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while posting the audit checkpoint to " + url, ex);
		}
	}

	/**
	 * Reads a checkpoint file, or the latest checkpoint (highest record number) in a
	 * directory.
	 * @throws IllegalArgumentException naming the file and what is wrong with it
	 */
	public static AuditCheckpoint read(Path source) {
		Path file = source;
		if (Files.isDirectory(source)) {
			try (Stream<Path> files = Files.list(source)) {
				List<Path> checkpoints = files
					.filter(f -> f.getFileName().toString().startsWith(PREFIX)
							&& f.getFileName().toString().endsWith(".json"))
					.sorted(Comparator.comparing(f -> f.getFileName().toString()))
					.toList();
				if (checkpoints.isEmpty()) {
					throw new IllegalArgumentException("There is no audit checkpoint in " + source.toAbsolutePath());
				}
				file = checkpoints.get(checkpoints.size() - 1);
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot list " + source.toAbsolutePath(), ex);
			}
		}
		try {
			return AuditCheckpoint.parse(Files.readString(file, StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new IllegalArgumentException("Cannot read the audit checkpoint " + file.toAbsolutePath() + ": " + ex);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(file.toAbsolutePath() + ": " + ex.getMessage());
		}
	}

	/**
	 * The periodic checkpoint of a running server, when configured. A failure is logged
	 * and tried again at the next interval; it never stops the server.
	 */
	@Scheduled(initialDelayString = "${northstar.audit.checkpoint-interval:PT1H}",
			fixedDelayString = "${northstar.audit.checkpoint-interval:PT1H}")
	void periodicCheckpoint() {
		if (!this.properties.checkpointsConfigured()) {
			return;
		}
		try {
			Path directory = this.properties.checkpointDirPath();
			if (directory != null) {
				Files.createDirectories(directory);
				log.info("Audit checkpoint written to {}", write(directory));
			}
			URI url = this.properties.checkpointUri();
			if (url != null) {
				log.info("Audit checkpoint of record {} posted to {}", post(url).seq(), url);
			}
		}
		catch (IOException ex) {
			log.error("Could not take the periodic audit checkpoint", ex);
		}
		catch (RuntimeException ex) {
			log.error("Could not take the periodic audit checkpoint", ex);
		}
	}

}
