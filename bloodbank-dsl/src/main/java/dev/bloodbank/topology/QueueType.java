package dev.bloodbank.topology;

import java.util.Locale;

/** The RabbitMQ queue types a work or subscription queue may have. */
public enum QueueType {
    QUORUM,
    CLASSIC;

    /** The value of the {@code x-queue-type} argument. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
