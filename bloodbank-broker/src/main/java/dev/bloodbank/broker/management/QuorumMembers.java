package dev.bloodbank.broker.management;

import java.util.List;

/** Where a quorum queue runs: its leader's node, the nodes of its members, and those of them online now. */
public record QuorumMembers(String vhost, String queue, String leader, List<String> members, List<String> online) {

    public QuorumMembers {
        members = List.copyOf(members);
        online = List.copyOf(online);
    }
}
