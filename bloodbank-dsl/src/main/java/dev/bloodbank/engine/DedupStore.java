package dev.bloodbank.engine;

import java.util.UUID;

/**
 * Remembers which event ids a service has handled, within a bounded window, so that a redelivered
 * event is acknowledged without being handled twice. In-memory by default; a shared store (Redis,
 * a database) lets competing consumers on several hosts share the window.
 */
public interface DedupStore {

    /** Whether this id was handled within the window. */
    boolean seen(String consumer, UUID eventId);

    /** Records that this id was handled. */
    void remember(String consumer, UUID eventId);
}
