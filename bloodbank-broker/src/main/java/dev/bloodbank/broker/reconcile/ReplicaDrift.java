package dev.bloodbank.broker.reconcile;

import dev.bloodbank.broker.management.QuorumMembers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Quorum queues of the topology that have fewer members online than wanted: a node is down, or
 * the queue was created while it was. Apply cannot fix this (members come back with their node,
 * or are added with {@code rabbitmq-queues grow}), so the plan shows it beside its changes.
 */
public final class ReplicaDrift {

    /**
     * One quorum queue short of members.
     *
     * @param wanted the topology's replication factor, else the members the broker gave the queue
     */
    public record UnderReplicated(String queue, int wanted, List<String> members, List<String> online) {

        public UnderReplicated {
            members = List.copyOf(members);
            online = List.copyOf(online);
        }

        /** Members that are not online. */
        public List<String> down() {
            return members.stream().filter(m -> !online.contains(m)).toList();
        }
    }

    private ReplicaDrift() {}

    public static List<UnderReplicated> find(BrokerTopology desired, List<QuorumMembers> live, String vhost) {
        Map<String, QuorumMembers> byName = live.stream().filter(q -> q.vhost().equals(vhost))
                .collect(Collectors.toMap(QuorumMembers::queue, q -> q, (a, b) -> a));
        List<UnderReplicated> out = new ArrayList<>();
        for (Queue queue : desired.queues()) {
            QuorumMembers q = byName.get(queue.name());
            if (q == null || !"quorum".equals(queue.type())) continue;
            Object factor = queue.arguments().get(BrokerTopology.QUORUM_INITIAL_GROUP_SIZE);
            int wanted = factor instanceof Number n ? n.intValue() : q.members().size();
            if (q.online().size() < wanted) out.add(new UnderReplicated(queue.name(), wanted, q.members(), q.online()));
        }
        return out;
    }
}
