package dev.bloodbank.metrics;

/**
 * The meters Bloodbank publishes. One name per measurement with a small fixed set of tag values,
 * as Micrometer's naming guide asks, so dashboards can sum over outcomes, keys or kinds. Events
 * and commands share the names and are told apart by the {@link #TAG_KIND} tag.
 */
public final class MeterNames {

    /** Counter of publishes by outcome: sent, confirmed, nacked, returned. Tags: key, kind, service, outcome. */
    public static final String PUBLISHED = "bloodbank.messages.published";
    /** Timer from publish to broker confirm. Tags: key, kind, service. */
    public static final String CONFIRM = "bloodbank.publish.confirm";
    /** Gauge of publishes awaiting their confirm. Tags: service. */
    public static final String IN_FLIGHT = "bloodbank.publish.in.flight";
    /** Counter of deliveries by outcome: handled, retried, dead_lettered, duplicate, invalid. Tags: key, kind, service, outcome. */
    public static final String CONSUMED = "bloodbank.messages.consumed";
    /** Timer of handler runs that succeeded. Tags: key, kind, service. */
    public static final String HANDLER = "bloodbank.handler.duration";
    /** Timer from the envelope's timestamp to its delivery. Tags: key, kind, service. */
    public static final String LATENCY = "bloodbank.messages.latency";

    public static final String TAG_KEY = "key";
    /** {@link #KIND_EVENT}, {@link #KIND_COMMAND}, or {@link #KIND_UNKNOWN} for a key the topology does not declare. */
    public static final String TAG_KIND = "kind";
    public static final String TAG_SERVICE = "service";
    public static final String TAG_OUTCOME = "outcome";

    public static final String KIND_EVENT = "event";
    public static final String KIND_COMMAND = "command";
    /** The kind of an undeclared key, and of the key {@code unknown} a body that could not be read is counted under. */
    public static final String KIND_UNKNOWN = "unknown";

    private MeterNames() {}
}
