package org.northstar.reactions;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.modulith.events.core.EventSerializer;

/**
 * Events as JSON, as Spring Modulith's own serializer writes them, but an event with
 * several listeners is written once: Modulith stores one publication per listener, one
 * after another on the publishing thread, and serialises the event for each. On the ADT
 * feed that was a tenth of a message's time. Events are records, so the text of the event
 * this thread last wrote is the text of every publication of it.
 */
class SerializedOnce implements EventSerializer {

	private record Written(Object event, String json) {
	}

	private final ThreadLocal<Written> last = new ThreadLocal<>();

	private final JsonMapper mapper;

	SerializedOnce(JsonMapper mapper) {
		this.mapper = mapper;
	}

	@Override
	public Object serialize(Object event) {
		Written written = this.last.get();
		if (written != null && written.event() == event) {
			return written.json();
		}
		String json = this.mapper.writeValueAsString(event);
		this.last.set(new Written(event, json));
		return json;
	}

	@Override
	public <T> T deserialize(Object serialized, Class<T> type) {
		return this.mapper.readerFor(type).readValue(serialized.toString());
	}

}
