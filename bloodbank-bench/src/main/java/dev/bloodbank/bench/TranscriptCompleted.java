package dev.bloodbank.bench;

import java.util.List;

/**
 * The payload of the benchmark event, about 1 KB of JSON: ids, a title, speakers, a summary and
 * action items, the shape of a real meeting-transcript event. {@code sentNanos} is when it was
 * published, on the benchmark's own clock, so that the consumer can measure latency.
 */
record TranscriptCompleted(
        long sentNanos,
        String jobId,
        String transcriptId,
        String title,
        int durationSeconds,
        String language,
        List<Speaker> speakers,
        String summary,
        List<String> actionItems,
        List<String> tags,
        String transcriptUrl,
        String completedAt) {

    record Speaker(String name, double talkTimeSeconds) {}

    /** A realistic instance, stamped with {@code sentNanos}. */
    static TranscriptCompleted sample(long sentNanos) {
        return new TranscriptCompleted(
                sentNanos,
                "ff-job-81c2e0",
                "tr-01JDX3K5",
                "Weekly sync: release 4.2 planning and the payment incident review",
                1843,
                "en",
                SPEAKERS,
                "The team agreed to ship release 4.2 on Thursday after the migration dry run passes on staging."
                        + " The payment incident was traced to a retry storm between the gateway and the ledger;"
                        + " a circuit breaker and idempotency keys will be added. Mira will own the runbook update"
                        + " and Jarad will pair with the platform team on the broker upgrade.",
                ACTION_ITEMS,
                TAGS,
                "https://transcripts.33god.dev/tr-01JDX3K5?format=json&include=speakers,sentences",
                "2026-11-27T10:15:30.123Z");
    }

    private static final List<Speaker> SPEAKERS = List.of(
            new Speaker("Jarad", 811.5), new Speaker("Mira", 640.0), new Speaker("Tomasz", 271.25),
            new Speaker("Ana", 120.0));
    private static final List<String> ACTION_ITEMS = List.of(
            "Mira: update the payment incident runbook with the circuit breaker settings",
            "Jarad: pair with platform on the RabbitMQ 3.13 upgrade plan",
            "Tomasz: add idempotency keys to the ledger write path");
    private static final List<String> TAGS = List.of("release", "incident", "payments", "planning");
}
