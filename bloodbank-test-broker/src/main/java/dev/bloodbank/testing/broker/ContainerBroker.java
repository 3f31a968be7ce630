package dev.bloodbank.testing.broker;

import java.net.URI;
import java.util.Optional;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.RabbitMQContainer;
import org.testcontainers.utility.DockerImageName;

/** The fallback broker: a RabbitMQ container with the management plugin, kept for the whole run. */
final class ContainerBroker {

    private ContainerBroker() {}

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
        return Optional.of(new BrokerEndpoint(
                container.getHost(),
                container.getAmqpPort(),
                URI.create(container.getHttpUrl()),
                container.getAdminUsername(),
                container.getAdminPassword()));
    }
}
