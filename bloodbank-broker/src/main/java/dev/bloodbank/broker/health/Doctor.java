package dev.bloodbank.broker.health;

import dev.bloodbank.broker.management.FeatureFlagInfo;
import dev.bloodbank.broker.management.NodeInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The checks of {@code bloodbank doctor}, on a reading of the broker and what a topology would
 * add. Pure: a reading in, a diagnosis out, so each threshold is tested without a sick broker.
 */
public final class Doctor {

    /** A node above this share of its file handles or sockets is close enough to the limit to warn. */
    static final double WARN_SHARE = 0.8;

    private Doctor() {}

    public static Diagnosis examine(BrokerReading reading, TopologyDemand demand) {
        List<NodeInfo> running = reading.nodes().stream().filter(NodeInfo::running).toList();
        List<Finding> findings = new ArrayList<>();
        findings.add(nodes(reading.nodes(), running));
        findings.add(versions(running));
        findings.add(featureFlags(reading.featureFlags()));
        findings.add(alarms(running));
        findings.add(partitions(running));
        findings.add(fileHandles(reading, running, demand));
        findings.add(sockets(running));
        findings.add(vhostLimits(reading, demand));
        return new Diagnosis(findings);
    }

    static Finding nodes(List<NodeInfo> all, List<NodeInfo> running) {
        String check = "nodes";
        List<String> down = all.stream().filter(n -> !n.running()).map(NodeInfo::name).toList();
        String counted = running.size() + " of " + all.size() + " running";
        if (running.isEmpty()) return new Finding(check, Status.FAILING, counted);
        if (!down.isEmpty())
            return new Finding(check, Status.WARNING, counted + "; down: " + String.join(", ", down)
                    + " (quorum queues with a member there have fewer replicas until it is back)");
        return new Finding(check, Status.OK, counted + ": " + names(running));
    }

    /** A node that restarted a moment ago reports its applications late: its version is unknown, not different. */
    static Finding versions(List<NodeInfo> running) {
        List<NodeInfo> known = running.stream().filter(n -> !n.rabbitmqVersion().isBlank()).toList();
        TreeSet<String> versions = known.stream().map(NodeInfo::rabbitmqVersion).collect(Collectors.toCollection(TreeSet::new));
        if (versions.size() > 1)
            return new Finding("versions", Status.WARNING, "mixed RabbitMQ versions " + known.stream()
                    .map(n -> n.name() + " " + n.rabbitmqVersion()).collect(Collectors.joining(", "))
                    + "; finish the upgrade before changing the topology");
        String unknown = known.size() == running.size() ? "" : " (" + names(running.stream()
                .filter(n -> n.rabbitmqVersion().isBlank()).toList()) + " not reporting yet)";
        return new Finding("versions", Status.OK, versions.isEmpty() ? "not reported yet" : "RabbitMQ " + versions.first() + unknown);
    }

    /**
     * Disabled stable flags are reported, not warned about: a fresh node leaves some off, and they
     * matter to the next upgrade, not to publishing or applying a topology.
     */
    static Finding featureFlags(List<FeatureFlagInfo> flags) {
        List<String> off = flags.stream().filter(f -> "stable".equals(f.stability()) && !f.enabled())
                .map(FeatureFlagInfo::name).toList();
        long stable = flags.stream().filter(f -> "stable".equals(f.stability())).count();
        if (!off.isEmpty())
            return new Finding("feature flags", Status.OK, (stable - off.size()) + " of " + stable
                    + " stable flags enabled; before the next upgrade: rabbitmqctl enable_feature_flag all ("
                    + String.join(", ", off) + ")");
        return new Finding("feature flags", Status.OK, "all " + stable + " stable flags enabled");
    }

    static Finding alarms(List<NodeInfo> running) {
        List<String> on = new ArrayList<>();
        for (NodeInfo n : running) {
            if (n.memoryAlarm()) on.add("memory alarm on " + n.name());
            if (n.diskAlarm()) on.add("disk alarm on " + n.name());
        }
        if (!on.isEmpty())
            return new Finding("alarms", Status.FAILING, String.join(", ", on)
                    + ": the broker blocks every publisher until it clears");
        return new Finding("alarms", Status.OK, "no memory or disk alarm");
    }

    static Finding partitions(List<NodeInfo> running) {
        List<String> split = running.stream().filter(n -> !n.partitions().isEmpty())
                .map(n -> n.name() + " cannot see " + String.join(", ", n.partitions())).toList();
        if (!split.isEmpty())
            return new Finding("partitions", Status.FAILING, "network partition: " + String.join("; ", split));
        return new Finding("partitions", Status.OK, "none");
    }

    /**
     * Every node must keep room for what the topology adds, on top of what it uses and what its
     * quorum queues reserve (see {@link FileHandleCosts}). Running out is not a slow-down: every
     * queue, vhost and management operation that needs a file waits for one, for ever.
     */
    static Finding fileHandles(BrokerReading reading, List<NodeInfo> running, TopologyDemand demand) {
        String check = "file handles";
        NodeInfo tightest = null;
        for (NodeInfo n : running) {
            if (n.fdTotal() <= 0) continue;
            if (tightest == null || share(after(reading, n, demand), n.fdTotal()) > share(after(reading, tightest, demand),
                    tightest.fdTotal())) tightest = n;
        }
        if (tightest == null) return new Finding(check, Status.OK, "no node reports a limit");
        long after = after(reading, tightest, demand);
        long reserved = reading.reservedFileHandles(tightest.name());
        String seen = tightest.name() + " uses " + tightest.fdUsed() + (reserved == 0 ? "" : " and reserves " + reserved
                + " for " + reading.quorumMembersOn(tightest.name()) + " quorum queues") + " of " + tightest.fdTotal();
        String needs = demand.none() ? "" : "; the topology adds up to " + demand.fileHandlesPerNode() + " per node";
        if (after >= tightest.fdTotal())
            return new Finding(check, Status.FAILING, seen + needs + ", more than it has left: raise the broker's open-files"
                    + " limit (ulimit -n, or LimitNOFILE in its service) and restart it");
        if (share(after, tightest.fdTotal()) > WARN_SHARE)
            return new Finding(check, Status.WARNING, seen + needs + ", leaving " + (tightest.fdTotal() - after)
                    + " (under " + Math.round((1 - WARN_SHARE) * 100) + "%): raise the open-files limit");
        return new Finding(check, Status.OK, seen + needs + (demand.none() ? "" : ", leaving " + (tightest.fdTotal() - after)));
    }

    private static long after(BrokerReading reading, NodeInfo node, TopologyDemand demand) {
        return node.fdUsed() + reading.reservedFileHandles(node.name()) + demand.fileHandlesPerNode();
    }

    static Finding sockets(List<NodeInfo> running) {
        NodeInfo tightest = null;
        for (NodeInfo n : running) {
            if (n.socketsTotal() <= 0) continue;
            if (tightest == null || share(n.socketsUsed(), n.socketsTotal()) > share(tightest.socketsUsed(), tightest.socketsTotal()))
                tightest = n;
        }
        if (tightest == null) return new Finding("sockets", Status.OK, "no node reports a limit");
        String seen = tightest.name() + " uses " + tightest.socketsUsed() + " of " + tightest.socketsTotal();
        if (tightest.socketsUsed() >= tightest.socketsTotal())
            return new Finding("sockets", Status.FAILING, seen + ": new connections are refused");
        if (share(tightest.socketsUsed(), tightest.socketsTotal()) > WARN_SHARE)
            return new Finding("sockets", Status.WARNING, seen + ": close idle connections or raise the open-files limit");
        return new Finding("sockets", Status.OK, seen);
    }

    static Finding vhostLimits(BrokerReading reading, TopologyDemand demand) {
        Long maxQueues = reading.vhostLimits().get("max-queues");
        String all = reading.vhostLimits().isEmpty() ? "none" : reading.vhostLimits().entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).sorted().collect(Collectors.joining(", "));
        if (maxQueues != null && maxQueues >= 0) {
            long after = reading.queuesInVhost() + demand.queues();
            if (after > maxQueues)
                return new Finding("vhost limits", Status.FAILING, "max-queues=" + maxQueues + ", the vhost has "
                        + reading.queuesInVhost() + " and the topology adds " + demand.queues());
        }
        return new Finding("vhost limits", Status.OK, all);
    }

    private static double share(long used, long total) {
        return (double) used / total;
    }

    private static String names(List<NodeInfo> nodes) {
        return nodes.stream().map(NodeInfo::name).collect(Collectors.joining(", "));
    }
}
