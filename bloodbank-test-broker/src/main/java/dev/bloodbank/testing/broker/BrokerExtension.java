package dev.bloodbank.testing.broker;

import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives each test method a fresh vhost on the test broker, deleted afterwards, so tests never see
 * each other's queues. Declare a {@link TestVhost} parameter to receive it:
 *
 * <pre>{@code
 * @ExtendWith(BrokerExtension.class)
 * class PublishTest {
 *     @Test void roundTrip(TestVhost vhost) { ... }
 * }
 * }</pre>
 */
public final class BrokerExtension implements BeforeEachCallback, AfterEachCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(BrokerExtension.class);

    @Override
    public void beforeEach(ExtensionContext context) {
        vhost(context);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        TestVhost vhost = context.getStore(NS).remove("vhost", TestVhost.class);
        if (vhost != null) vhost.delete();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TestVhost.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return vhost(context);
    }

    private static TestVhost vhost(ExtensionContext context) {
        return context.getStore(NS).getOrComputeIfAbsent("vhost", k -> {
            String test = context.getRequiredTestClass().getSimpleName() + "-"
                    + context.getTestMethod().map(m -> m.getName()).orElse("test");
            String name = ("bb-test-" + test + "-" + UUID.randomUUID().toString().substring(0, 8))
                    .toLowerCase(Locale.ROOT);
            TestVhost vhost = new TestVhost(name, TestBroker.endpoint(), TestBroker.management());
            vhost.create();
            return vhost;
        }, TestVhost.class);
    }
}
