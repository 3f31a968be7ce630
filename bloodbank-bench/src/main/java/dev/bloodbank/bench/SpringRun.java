package dev.bloodbank.bench;

import dev.bloodbank.envelope.EnvelopeCodec;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.amqp.rabbit.listener.api.ChannelAwareMessageListener;
import org.springframework.amqp.support.converter.DefaultClassMapper;
import org.springframework.amqp.support.converter.Jackson2JsonMessageConverter;

/**
 * The peer a Java team picks when it does not pick Bloodbank: Spring AMQP as its reference
 * documentation sets it up. A {@link RabbitTemplate} with correlated publisher confirms and a
 * Jackson message converter publishes the record (at most {@code window} unconfirmed, released by
 * the confirm callback); a {@link SimpleMessageListenerContainer}, Spring Boot's default, with
 * manual acknowledgement and the same prefetch converts each delivery back to the record and acks
 * it. No schema validation: Spring AMQP has none. Same exchange, routing key and queue as the other
 * clients, a connection each for publishing and consuming.
 */
final class SpringRun {

    private SpringRun() {}

    @SuppressWarnings("removal") // Jackson2JsonMessageConverter: Jackson 2, the Jackson the other clients use
    static RunResult run(BenchVhost vhost, String exchange, String routingKey, String queue, int messages, int window,
                         int prefetch, Duration timeout) throws Exception {
        LatencyRecorder recorder = new LatencyRecorder(messages);
        Jackson2JsonMessageConverter converter = new Jackson2JsonMessageConverter(EnvelopeCodec.standard().newMapper());
        DefaultClassMapper types = new DefaultClassMapper();
        types.setDefaultType(TranscriptCompleted.class);
        types.setTrustedPackages(TranscriptCompleted.class.getPackageName());
        converter.setClassMapper(types);

        CachingConnectionFactory publishing = new CachingConnectionFactory(vhost.connectionFactory());
        publishing.setPublisherConfirmType(CachingConnectionFactory.ConfirmType.CORRELATED);
        publishing.setConnectionNameStrategy(f -> "spring publisher");
        CachingConnectionFactory consuming = new CachingConnectionFactory(vhost.connectionFactory());
        consuming.setConnectionNameStrategy(f -> "spring consumer");
        SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(consuming);
        try {
            container.setQueueNames(queue);
            container.setAcknowledgeMode(AcknowledgeMode.MANUAL);
            container.setPrefetchCount(prefetch);
            container.setMessageListener((ChannelAwareMessageListener) (message, channel) -> {
                TranscriptCompleted event = (TranscriptCompleted) converter.fromMessage(message);
                recorder.record(BenchClock.now() - event.sentNanos());
                channel.basicAck(message.getMessageProperties().getDeliveryTag(), false);
            });
            container.afterPropertiesSet();
            container.start();

            RabbitTemplate template = new RabbitTemplate(publishing);
            template.setMessageConverter(converter);
            Semaphore room = new Semaphore(window);
            AtomicInteger nacked = new AtomicInteger();
            template.setConfirmCallback((correlation, ack, cause) -> {
                if (!ack) nacked.incrementAndGet();
                room.release();
            });
            template.setBeforePublishPostProcessors(message -> {
                message.getMessageProperties().setDeliveryMode(org.springframework.amqp.core.MessageDeliveryMode.PERSISTENT);
                message.getMessageProperties().setContentType(MessageProperties.CONTENT_TYPE_JSON);
                return message;
            });

            long start = System.nanoTime();
            ProcessCpu.Reading cpu = ProcessCpu.read();
            for (int i = 0; i < messages; i++) {
                room.acquire();
                template.convertAndSend(exchange, routingKey, TranscriptCompleted.sample(BenchClock.now()), new CorrelationData());
            }
            boolean complete = recorder.await(timeout);
            long elapsed = System.nanoTime() - start;
            cpu = cpu.spentSince();
            if (!complete)
                throw new IllegalStateException("spring run: only " + recorder.count() + " of " + messages
                        + " messages arrived within " + timeout);
            if (nacked.get() > 0) throw new IllegalStateException("spring run: the broker nacked " + nacked.get() + " publishes");
            return new RunResult("spring", 0, messages, elapsed, cpu, recorder.latency());
        } finally {
            container.stop();
            container.destroy();
            publishing.destroy();
            consuming.destroy();
        }
    }
}
