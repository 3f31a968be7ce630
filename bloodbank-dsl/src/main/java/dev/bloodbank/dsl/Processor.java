package dev.bloodbank.dsl;

import dev.bloodbank.engine.MessageContext;

/**
 * The runtime form of one graph node: takes an event, does its one thing, forwards to its
 * children. Processors are created at build time, hold no per-message state, and may be called
 * from several consumer threads at once.
 */
@FunctionalInterface
interface Processor {

    void process(Event<Object> event, MessageContext context) throws Exception;

    /** Forwards to every child, in the order they were attached. */
    static Processor fanOut(Processor[] children) {
        if (children.length == 0) return (event, context) -> {};
        if (children.length == 1) return children[0];
        return (event, context) -> {
            for (Processor child : children) child.process(event, context);
        };
    }
}
