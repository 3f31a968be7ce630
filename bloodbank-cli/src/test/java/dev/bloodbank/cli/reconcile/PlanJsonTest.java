package dev.bloodbank.cli.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bloodbank.broker.reconcile.Binding;
import dev.bloodbank.broker.reconcile.BrokerTopology;
import dev.bloodbank.broker.reconcile.Exchange;
import dev.bloodbank.broker.reconcile.LiveState;
import dev.bloodbank.broker.reconcile.Plan;
import dev.bloodbank.broker.reconcile.Planner;
import dev.bloodbank.broker.reconcile.Policy;
import dev.bloodbank.broker.reconcile.Queue;
import dev.bloodbank.cli.UserError;
import dev.bloodbank.cli.text.JsonOutput;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A plan as JSON reads back as the same plan")
class PlanJsonTest {

    private static final BrokerTopology DESIRED = new BrokerTopology(
            List.of(Exchange.durable("bloodbank.events.v1", "topic")),
            List.of(Queue.durable("bloodbank.sub.archive", "classic", Map.of("x-message-ttl", 60000))),
            List.of(Binding.queue("bloodbank.events.v1", "bloodbank.sub.archive", "github.#")),
            List.of(new Policy("bloodbank.limits", "^bloodbank\\.", "queues", 100, Map.of("max-length", 1000))));

    /** A live state that needs every action: replace, update, create and delete. */
    private static final LiveState LIVE = new LiveState(
            List.of(Exchange.durable("bloodbank.events.v1", "topic"), Exchange.durable("bloodbank.legacy.v0", "fanout")),
            List.of(new Queue("bloodbank.sub.archive", "quorum", true, false, false, Map.of("x-message-ttl", 30000.0))),
            List.of(),
            List.of(new Policy("bloodbank.limits", "^bloodbank\\.", "queues", 0, Map.of("max-length", 10))),
            Map.of("bloodbank.sub.archive", 4L), Map.of(), Map.of());

    @Test
    void everyActionRoundTrips() throws Exception {
        Plan plan = Planner.plan("events", DESIRED, LIVE, true);
        assertEquals(new Plan.Summary(1, 1, 1, 1), plan.summary(), plan::toString);

        String json = JsonOutput.pretty(PlanJson.of(plan));
        Plan back = PlanJson.read(new ObjectMapper().readTree(json), "plan.json");

        assertEquals(plan, back);
        assertEquals(LIVE.digest(), back.liveDigest());
    }

    @Test
    void aPlanOfAnotherFormatIsRefusedWithWhereAndWhy() throws Exception {
        var node = PlanJson.of(Planner.plan("events", DESIRED, LIVE, false));
        node.put("formatVersion", 7);
        UserError e = assertThrows(UserError.class, () -> PlanJson.read(node, "plan.json"));
        assertEquals("plan.json: formatVersion is 7; this bloodbank reads plans of format 1", e.getMessage());

        node.put("formatVersion", 1);
        ((com.fasterxml.jackson.databind.node.ObjectNode) node.get("changes").get(0)).put("action", "rename");
        e = assertThrows(UserError.class, () -> PlanJson.read(node, "plan.json"));
        assertEquals("plan.json: changes[0].action is 'rename'; expected create, update, replace or delete", e.getMessage());
    }
}
