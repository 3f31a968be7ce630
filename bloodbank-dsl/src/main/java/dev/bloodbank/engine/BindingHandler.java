package dev.bloodbank.engine;

import com.fasterxml.jackson.databind.ObjectReader;
import dev.bloodbank.envelope.Envelope;

/**
 * A handler whose payload is a Java type. The processor binds the payload while it checks it
 * against its schema, in one pass over the bytes it came in, and hands the value over; when that
 * pass cannot judge (the payload breaks its schema, or does not bind), the processor validates
 * the payload's tree as for any handler and calls {@link #handle(Envelope, MessageContext)}, which
 * binds from the tree and fails as binding always has.
 */
public interface BindingHandler extends MessageHandler {

    /** Binds the payload; made once, used for every message. */
    ObjectReader reader();

    /** Handles one message whose payload {@link #reader()} bound and whose schema accepted it. */
    void handle(Envelope envelope, Object payload, MessageContext context) throws Exception;
}
