package dev.bloodbank.engine;

/**
 * AMQP headers of our own. The attempt count travels in {@link #ATTEMPT}, not in {@code x-death},
 * because {@code x-death} counts per queue and reason and is rewritten by the broker; ours means
 * exactly "this is delivery number N of this message".
 */
public final class Headers {

    public static final String ATTEMPT = "x-bloodbank-attempt";
    /** Why a message is in the dead-letter queue: handler-failed, invalid-json, invalid-envelope, schema-violation, unknown-type. */
    public static final String REASON = "x-bloodbank-reason";
    public static final String ERROR_CLASS = "x-bloodbank-error-class";
    public static final String ERROR_MESSAGE = "x-bloodbank-error-message";
    /** The stack trace of the last failure, bounded to {@link #STACK_TRACE_LIMIT} characters. */
    public static final String STACK_TRACE = "x-bloodbank-stack-trace";
    /** The work queue the message failed on, so it can be replayed there. */
    public static final String ORIGINAL_QUEUE = "x-bloodbank-original-queue";
    public static final String ORIGINAL_EXCHANGE = "x-bloodbank-original-exchange";
    public static final String ORIGINAL_ROUTING_KEY = "x-bloodbank-original-routing-key";
    public static final String FAILED_AT = "x-bloodbank-failed-at";
    public static final String SERVICE = "x-bloodbank-service";

    /** Set on a message a replay sent: the replay's name, as given with --name. */
    public static final String REPLAY_NAME = "x-bloodbank-replay-name";
    /**
     * Set on a message a replay sent: the replay's id, the same across resumes of one replay. Dedup
     * keys a replayed event by event id and this id: handled again once per replay.
     */
    public static final String REPLAY_ID = "x-bloodbank-replay-id";
    /** Set on a message a replay sent: the archive offset it was read from. */
    public static final String REPLAY_OFFSET = "x-bloodbank-replay-offset";

    /**
     * The version of its key's schema, as the schema registry numbers it, that a message was written
     * with; set by the publisher when the registry knows its schema. Consumers validate the payload
     * against that version. The envelope itself stays as the Python producers write it.
     */
    public static final String SCHEMA_VERSION = "x-bloodbank-schema-version";

    public static final int STACK_TRACE_LIMIT = 4096;

    private Headers() {}
}
