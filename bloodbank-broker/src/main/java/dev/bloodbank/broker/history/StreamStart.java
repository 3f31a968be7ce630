package dev.bloodbank.broker.history;

import java.time.Instant;
import java.util.Date;

/** Where a read of the archive begins: the value of the {@code x-stream-offset} consumer argument. */
sealed interface StreamStart {

    Object argument();

    /** The oldest message the stream still holds. */
    record First() implements StreamStart {
        public Object argument() {
            return "first";
        }
    }

    /** This offset exactly (after a resume: the one after the last confirmed). */
    record Offset(long offset) implements StreamStart {
        public Object argument() {
            return offset;
        }
    }

    /**
     * The first chunk the broker wrote at or after this time. Chunk time is the broker's clock, and
     * a chunk holds many messages, so this only lands near: readers filter exactly afterwards.
     */
    record Timestamp(Instant at) implements StreamStart {
        public Object argument() {
            return new Date(at.toEpochMilli());
        }
    }
}
