package dev.bloodbank.broker.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.rabbitmq.client.Channel;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which ack and nack frames a run of settled deliveries becomes, on a channel that records them. */
class AckBatchTest {

    private final List<String> frames = new ArrayList<>();
    private final Channel channel = (Channel) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Channel.class},
            (proxy, method, args) -> {
                switch (method.getName()) {
                    case "basicAck" -> frames.add("ack " + args[0] + (Boolean.TRUE.equals(args[1]) ? " multiple" : ""));
                    case "basicNack" -> frames.add("nack " + args[0] + (Boolean.TRUE.equals(args[2]) ? " requeue" : ""));
                    default -> throw new UnsupportedOperationException(method.getName());
                }
                return null;
            });

    @Test
    void aFullBatchGoesOutAsOneMultipleAck() throws Exception {
        AckBatch acks = new AckBatch(channel, 3);
        for (long tag = 1; tag <= 7; tag++) acks.ack(tag);
        assertEquals(List.of("ack 3 multiple", "ack 6 multiple"), frames);
        assertEquals(1, acks.waiting());
        acks.flush();
        acks.flush();
        assertEquals(List.of("ack 3 multiple", "ack 6 multiple", "ack 7 multiple"), frames);
    }

    @Test
    void aNackSendsTheWaitingAcksFirstSoItIsNotAcknowledgedWithThem() throws Exception {
        AckBatch acks = new AckBatch(channel, 10);
        acks.ack(1);
        acks.ack(2);
        acks.nack(3, true);
        acks.ack(4);
        acks.flush();
        assertEquals(List.of("ack 2 multiple", "nack 3 requeue", "ack 4 multiple"), frames);
    }

    @Test
    void batchesAreAQuarterOfThePrefetch() {
        assertEquals(50, AckBatch.sizeFor(200));
        assertEquals(1, AckBatch.sizeFor(1));
        assertEquals(1, AckBatch.sizeFor(3));
        assertEquals(64, AckBatch.sizeFor(0));
        assertEquals("an ack batch holds at least 1 delivery, was 0",
                assertThrows(IllegalArgumentException.class, () -> new AckBatch(channel, 0)).getMessage());
    }
}
