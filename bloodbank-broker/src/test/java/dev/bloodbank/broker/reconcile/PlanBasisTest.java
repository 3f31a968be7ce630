package dev.bloodbank.broker.reconcile;

import static dev.bloodbank.broker.reconcile.TestTopology.topology;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A saved plan is applied only to the broker state it was computed on")
class PlanBasisTest {

    private static final BrokerTopology DESIRED = BrokerTopology.derive(topology()
            .event("github.pull-request.merged").subscription("archive", "github.#").build());

    @Test
    void aPlanStillFitsWhileOnlyMessageCountsMoved() {
        InMemoryBrokerAdmin broker = InMemoryBrokerAdmin.holding(DESIRED);
        Plan plan = Planner.plan("/", DESIRED, broker.snapshot(), true);
        broker.publish("bloodbank.sub.archive", 5);
        // A tail or reply queue comes and goes with its connection.
        broker.declare(new Queue("amq.gen-Xy1", "classic", false, true, true, Map.of()));
        broker.bind(Binding.queue("bloodbank.events.v1", "amq.gen-Xy1", "#"));

        assertDoesNotThrow(() -> PlanBasis.check(plan, broker.snapshot()));
    }

    @Test
    void aPlanIsStaleOnceAnObjectChanged() {
        InMemoryBrokerAdmin broker = InMemoryBrokerAdmin.holding(DESIRED);
        Plan plan = Planner.plan("/", DESIRED, broker.snapshot(), true);
        broker.deleteQueue("bloodbank.sub.archive.dlq");

        StalePlanException e = assertThrows(StalePlanException.class, () -> PlanBasis.check(plan, broker.snapshot()));
        assertTrue(e.getMessage().matches("the broker changed since this plan was made \\(vhost '/' was [0-9a-f]{12},"
                + " is [0-9a-f]{12}\\); run plan again and apply the new plan"), e.getMessage());
    }

    @Test
    void anAddedObjectOfAnotherApplicationMakesThePlanStaleToo() {
        InMemoryBrokerAdmin broker = InMemoryBrokerAdmin.holding(DESIRED);
        Plan plan = Planner.plan("/", DESIRED, broker.snapshot(), false);
        broker.declare(Queue.durable("billing.invoices", "classic", Map.of()));

        assertThrows(StalePlanException.class, () -> PlanBasis.check(plan, broker.snapshot()));
    }
}
