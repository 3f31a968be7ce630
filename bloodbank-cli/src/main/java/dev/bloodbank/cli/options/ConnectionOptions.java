package dev.bloodbank.cli.options;

import dev.bloodbank.broker.management.BrokerAddress;
import dev.bloodbank.broker.management.BrokerNodes;
import dev.bloodbank.broker.management.ManagementClient;
import dev.bloodbank.broker.management.ManagementException;
import dev.bloodbank.broker.reconcile.Reconciler;
import dev.bloodbank.cli.CliEnvironment;
import dev.bloodbank.cli.UsageError;
import dev.bloodbank.cli.UserError;
import picocli.CommandLine.Option;

/** {@code --amqp-url} and {@code --management-url}, with their environment variables and defaults. */
public final class ConnectionOptions {

    public static final String AMQP_VARIABLE = "BLOODBANK_AMQP_URL";
    public static final String MANAGEMENT_VARIABLE = "BLOODBANK_MANAGEMENT_URL";

    @Option(
            names = "--amqp-url",
            paramLabel = "URL",
            description = {
                "The broker, its vhost (the URL's path; %%2F is /) and credentials; for a cluster, its nodes"
                        + " separated by commas: amqp://user:pass@rabbit-1:5672/%%2F,rabbit-2:5672,rabbit-3:5672.",
                "Default: $" + AMQP_VARIABLE + ", else amqp://guest:guest@localhost:5672/%%2F."
            })
    String amqpUrl;

    @Option(
            names = "--management-url",
            paramLabel = "URL",
            description = {
                "The RabbitMQ management HTTP API; credentials in it win over the AMQP URL's. For a cluster,"
                        + " several URLs separated by commas, tried in turn while one does not answer.",
                "Default: $" + MANAGEMENT_VARIABLE + ", else " + BrokerAddress.DEFAULT_MANAGEMENT_URL + "."
            })
    String managementUrl;

    /** Both URLs parsed; a malformed one is a usage error naming where it came from. */
    public BrokerAddress address(CliEnvironment environment) {
        String amqp = amqpUrl(environment);
        String mgmt = managementUrl != null ? managementUrl
                : orDefault(environment.variable(MANAGEMENT_VARIABLE), BrokerAddress.DEFAULT_MANAGEMENT_URL);
        String mgmtOrigin = managementUrl != null ? "--management-url" : "$" + MANAGEMENT_VARIABLE;
        try {
            return BrokerAddress.of(amqp, mgmt);
        } catch (IllegalArgumentException e) {
            String origin = e.getMessage().startsWith("the management URL") ? mgmtOrigin : amqpOrigin();
            throw new UsageError(e.getMessage() + " (from " + origin + ")");
        }
    }

    /** The AMQP URL as given (or defaulted), checked to be one AMQP URL, for the commands that publish and consume. */
    public String amqpUrl(CliEnvironment environment) {
        String url = amqpUrl != null ? amqpUrl : orDefault(environment.variable(AMQP_VARIABLE), BrokerAddress.DEFAULT_AMQP_URL);
        AmqpUrls.check(url, amqpOrigin());
        return url;
    }

    private String amqpOrigin() {
        return amqpUrl != null ? "--amqp-url" : "$" + AMQP_VARIABLE;
    }

    public Reconciler reconciler(CliEnvironment environment) {
        return new Reconciler(new ManagementClient(address(environment)));
    }

    /** A broker failure as one line for the user: the message already names the (redacted) address. */
    public static UserError failure(ManagementException e) {
        String hint = switch (e.reason()) {
            case UNREACHABLE -> "set --management-url or $" + MANAGEMENT_VARIABLE + " to the broker's management API";
            case UNAUTHORIZED -> "set the credentials in --amqp-url or --management-url (user:password@host)";
            default -> null;
        };
        return new UserError(e.getMessage(), hint);
    }

    private static String orDefault(String value, String fallback) {
        return value != null ? value : fallback;
    }
}
