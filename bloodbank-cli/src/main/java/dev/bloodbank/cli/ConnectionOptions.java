package dev.bloodbank.cli;

import picocli.CommandLine.Option;

/** Where the broker is: {@code --amqp-url}, else $BLOODBANK_AMQP_URL, else the local broker's default vhost. */
final class ConnectionOptions {

    static final String AMQP_VARIABLE = "BLOODBANK_AMQP_URL";
    static final String DEFAULT_AMQP_URL = "amqp://guest:guest@localhost:5672/%2F";

    @Option(
            names = "--amqp-url",
            paramLabel = "URL",
            description = "The broker, amqp://user:pass@host:5672/vhost. Without it: $BLOODBANK_AMQP_URL, else "
                    + DEFAULT_AMQP_URL + ".")
    String amqpUrl;

    String amqpUrl(CliEnvironment environment) {
        if (amqpUrl != null) return amqpUrl;
        String configured = environment.variable(AMQP_VARIABLE);
        return configured != null ? configured : DEFAULT_AMQP_URL;
    }
}
