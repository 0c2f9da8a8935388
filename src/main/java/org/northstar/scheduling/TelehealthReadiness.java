package org.northstar.scheduling;

import java.util.ArrayList;
import java.util.List;

/**
 * Whether a person can take a video visit: a short checklist a coordinator goes through
 * with them. Video visits are offered only when it is ready: a device with a camera, a
 * connection that carries video, a private space, and either the ability to use it or a
 * helper or interpreter who can.
 */
public record TelehealthReadiness(boolean device, boolean connection, boolean ableToUse, boolean privateSpace,
		boolean helper) {

	/** Whether video visits may be offered. */
	public boolean ready() {
		return missing().isEmpty();
	}

	/** What is missing for a video visit, in words; empty when ready. */
	public List<String> missing() {
		List<String> missing = new ArrayList<>();
		if (!this.device) {
			missing.add("a device with a camera");
		}
		if (!this.connection) {
			missing.add("a connection for video");
		}
		if (!this.ableToUse && !this.helper) {
			missing.add("someone able to use it (the person, a helper or an interpreter)");
		}
		if (!this.privateSpace) {
			missing.add("a private space");
		}
		return missing;
	}

}
