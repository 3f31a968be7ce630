package dev.bloodbank.dsl;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * One node of the application's graph as the fluent calls append it. It knows its neighbours and
 * how to make its {@link Processor} once its children's processors exist; turning the graph into
 * processors happens in {@link BloodbankBuilder#build()}, apart from building the graph.
 */
final class GraphNode {

    enum Role { SOURCE, PROCESSOR, SINK }

    final int index;
    final String name;
    final String operator;
    final Role role;
    /** What the description shows after the name: the key and type of a source, the key of a sink. */
    final String detail;
    final CallSite callSite;
    final List<GraphNode> parents = new ArrayList<>(2);
    final List<GraphNode> children = new ArrayList<>(2);
    /** Makes this node's processor from its children's processors, in {@link #children} order. */
    final Function<Processor[], Processor> factory;

    GraphNode(int index, String name, String operator, Role role, String detail, CallSite callSite,
              Function<Processor[], Processor> factory) {
        this.index = index;
        this.name = name;
        this.operator = operator;
        this.role = role;
        this.detail = detail;
        this.callSite = callSite;
        this.factory = factory;
    }

    void addChild(GraphNode child) {
        children.add(child);
        child.parents.add(this);
    }

    boolean isTerminal() {
        return role == Role.SINK || operator.equals("foreach") || operator.equals("handle");
    }

    /** How a problem names this node: the operator call and where it was written. */
    String where() {
        return name + " at " + callSite;
    }
}
