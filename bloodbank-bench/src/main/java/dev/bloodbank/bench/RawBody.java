package dev.bloodbank.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bloodbank.dsl.Payloads;
import java.nio.charset.StandardCharsets;

/**
 * The body the plain amqp-client run publishes: the same ~1 KB JSON as the Bloodbank payload, with
 * {@code sent_nanos} first in a fixed-width slot, so that a message is stamped by copying the
 * template and writing digits, and read back without parsing, as RabbitMQ's PerfTest does with
 * its timestamp. Unused slot positions are spaces, which JSON allows before the comma.
 */
final class RawBody {

    private static final byte[] PREFIX = "{\"sent_nanos\":".getBytes(StandardCharsets.US_ASCII);
    private static final int SLOT = 19;

    private final byte[] template;

    private RawBody(byte[] template) {
        this.template = template;
    }

    /** The template made from the benchmark payload as the DSL's default payload mapper writes it. */
    static RawBody standard() {
        ObjectNode tree = (ObjectNode) Payloads.defaults().tree(TranscriptCompleted.sample(0));
        tree.remove("sent_nanos");
        byte[] rest = tree.toString().getBytes(StandardCharsets.UTF_8); // "{...}"
        byte[] template = new byte[PREFIX.length + SLOT + 1 + rest.length - 1];
        System.arraycopy(PREFIX, 0, template, 0, PREFIX.length);
        java.util.Arrays.fill(template, PREFIX.length, PREFIX.length + SLOT, (byte) ' ');
        template[PREFIX.length + SLOT] = ',';
        System.arraycopy(rest, 1, template, PREFIX.length + SLOT + 1, rest.length - 1);
        return new RawBody(template);
    }

    int size() {
        return template.length;
    }

    /** A new body carrying {@code sentNanos} (must be 0 or more). */
    byte[] stamp(long sentNanos) {
        byte[] body = template.clone();
        String digits = Long.toString(sentNanos);
        for (int i = 0; i < digits.length(); i++) body[PREFIX.length + i] = (byte) digits.charAt(i);
        return body;
    }

    /** The {@code sent_nanos} of a body made by {@link #stamp}. */
    static long sentNanos(byte[] body) {
        long value = 0;
        for (int i = PREFIX.length; i < body.length; i++) {
            byte b = body[i];
            if (b < '0' || b > '9') break;
            value = value * 10 + (b - '0');
        }
        return value;
    }
}
