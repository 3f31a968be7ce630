package dev.bloodbank.broker.runtime;

import dev.bloodbank.dsl.BloodbankApp;

/**
 * Runs an application built with the DSL on RabbitMQ:
 *
 * <pre>{@code
 * try (var running = Bloodbank.run(builder.build(), RuntimeSettings.of(amqpUrl, "transcript-processor"))) { … }
 * }</pre>
 */
public final class Bloodbank {

    private Bloodbank() {}

    /** Starts one consumer per queue of the application; the queues must exist ({@code bloodbank apply}). */
    public static BloodbankRuntime.Running run(BloodbankApp app, RuntimeSettings settings) {
        return BloodbankRuntime.start(app.topology(), app.consumers(), settings);
    }
}
