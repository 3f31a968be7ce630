package dev.bloodbank.testing.broker;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.Container;
import org.testcontainers.containers.RabbitMQContainer;
import org.testcontainers.utility.DockerImageName;

/** The fallback broker: a RabbitMQ container with the management plugin, kept for the whole run. */
final class ContainerBroker {

    /** The container started for this run, if the fallback was used. */
    private static volatile RabbitMQContainer running;
    private static volatile BrokerEndpoint runningEndpoint;

    private ContainerBroker() {}

    /** Runs {@code rabbitmqctl} inside the fallback container; null unless {@code endpoint} is that container. */
    static LocalBrokerControl.Ctl ctl(BrokerEndpoint endpoint) {
        RabbitMQContainer container = running;
        if (container == null || !endpoint.equals(runningEndpoint)) return null;
        return (arguments, timeout) -> {
            List<String> command = new ArrayList<>();
            command.add("rabbitmqctl");
            command.addAll(arguments);
            try {
                Container.ExecResult result = container.execInContainer(command.toArray(String[]::new));
                if (result.getExitCode() != 0)
                    throw new IllegalStateException(String.join(" ", command) + " in the broker container exited with "
                            + result.getExitCode() + ": " + (result.getStdout() + result.getStderr()).strip());
            } catch (IOException e) {
                throw new IllegalStateException("cannot run " + String.join(" ", command) + " in the broker container: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while running " + String.join(" ", command), e);
            }
        };
    }

    static Optional<BrokerEndpoint> start(String image) {
        boolean docker;
        try {
            docker = DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            docker = false;
        }
        if (!docker) return Optional.empty();
        RabbitMQContainer container = new RabbitMQContainer(DockerImageName.parse(image));
        container.start();
        Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "rabbitmq-container-stop"));
        BrokerEndpoint endpoint = new BrokerEndpoint(
                container.getHost(),
                container.getAmqpPort(),
                URI.create(container.getHttpUrl()),
                container.getAdminUsername(),
                container.getAdminPassword());
        running = container;
        runningEndpoint = endpoint;
        return Optional.of(endpoint);
    }
}
