package dev.bloodbank.examples.transcripts;

import dev.bloodbank.testing.broker.BrokerExtension;
import dev.bloodbank.testing.broker.TestVhost;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(BrokerExtension.class)
@DisplayName("transcript scenarios on RabbitMQ (BloodbankRuntime)")
class BrokerTranscriptScenariosTest extends TranscriptScenarios {

    @BeforeEach
    void startOnBroker(TestVhost vhost) throws Exception {
        bus = new BrokerBus(vhost, topology, app, listener);
    }
}
