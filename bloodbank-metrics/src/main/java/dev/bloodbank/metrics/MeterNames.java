package dev.bloodbank.metrics;

/**
 * The meters Bloodbank publishes. One name per measurement with a small fixed set of tag values,
 * as Micrometer's naming guide asks, so dashboards can sum over outcomes or keys.
 */
public final class MeterNames {

    /** Counter of publishes by outcome: sent, confirmed, nacked, returned. Tags: key, service, outcome. */
    public static final String PUBLISHED = "bloodbank.events.published";
    /** Timer from publish to broker confirm. Tags: key, service. */
    public static final String CONFIRM = "bloodbank.publish.confirm";
    /** Gauge of publishes awaiting their confirm. Tags: service. */
    public static final String IN_FLIGHT = "bloodbank.publish.in.flight";
    /** Counter of deliveries by outcome: handled, retried, dead_lettered, duplicate, invalid. Tags: key, service, outcome. */
    public static final String CONSUMED = "bloodbank.events.consumed";
    /** Timer of handler runs that succeeded. Tags: key, service. */
    public static final String HANDLER = "bloodbank.handler.duration";
    /** Timer from the envelope's timestamp to its delivery. Tags: key, service. */
    public static final String LATENCY = "bloodbank.events.latency";

    public static final String TAG_KEY = "key";
    public static final String TAG_SERVICE = "service";
    public static final String TAG_OUTCOME = "outcome";

    private MeterNames() {}
}
