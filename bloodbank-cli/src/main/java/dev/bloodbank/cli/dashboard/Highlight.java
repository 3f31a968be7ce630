package dev.bloodbank.cli.dashboard;

/** What makes a queue stand out on the page; serialized by its name. */
enum Highlight {
    /** The topology names the queue but the broker does not have it (not applied). */
    MISSING,
    /** Messages are ready and nobody consumes the queue: they wait for a service that is down. */
    NO_CONSUMER,
    /** Consumers are attached but the backlog keeps growing: they take messages slower than they come. */
    CONSUMER_BEHIND,
    /** The dead-letter queue took new messages within the last {@link QueueTrends#GROWTH_MEMORY}. */
    DEAD_LETTERS_GROWING
}
