package dev.bloodbank.engine;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

/**
 * The id dedup remembers a delivery under. A replayed event keeps its event id, so keyed by that
 * alone dedup would eat it (the consumer handled it before, which is why it is replayed); keyed by
 * event id and replay id, it is handled again once per replay, and a resend within one replay
 * (after an interrupted replay resumed) is still a duplicate.
 */
public final class ReplayDedup {

    private ReplayDedup() {}

    /** The event id itself, or for a replayed delivery a name-based UUID of event id and replay id. */
    public static UUID key(UUID eventId, Map<String, Object> headers) {
        Object replay = headers.get(Headers.REPLAY_ID);
        if (replay == null) return eventId;
        return UUID.nameUUIDFromBytes((eventId + "/replay/" + replay).getBytes(StandardCharsets.UTF_8));
    }
}
