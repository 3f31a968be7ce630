package dev.bloodbank.broker.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.impl.LongStringHelper;
import dev.bloodbank.engine.Headers;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("the key a retried or dead-lettered message is counted under")
class MovedMessageKeyTest {

    private static final Envelope BACK_FROM_RETRY = new Envelope(7, false, "", "bloodbank.sub.billing");

    @Test
    void isTheTypePropertyOurPublishersSet() {
        var properties = new AMQP.BasicProperties.Builder().type("shop.order.placed").build();
        assertEquals("shop.order.placed", QueueWorker.keyOf(properties, BACK_FROM_RETRY));
    }

    @Test
    void elseTheRoutingKeyRecordedOnTheFirstMoveNotTheQueueNameItCameBackWith() {
        var properties = new AMQP.BasicProperties.Builder()
                .headers(Map.of(Headers.ORIGINAL_ROUTING_KEY, LongStringHelper.asLongString("shop.order.placed"))).build();
        assertEquals("shop.order.placed", QueueWorker.keyOf(properties, BACK_FROM_RETRY));
    }

    @Test
    void elseTheRoutingKeyOfAFirstDelivery() {
        var firstDelivery = new Envelope(1, false, "bloodbank.events.v1", "shop.order.placed");
        assertEquals("shop.order.placed", QueueWorker.keyOf(new AMQP.BasicProperties(), firstDelivery));
    }
}
