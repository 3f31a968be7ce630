package dev.bloodbank.dsl;

import java.util.Set;

/**
 * Where in the user's code an operator was written ({@code TranscriptPipeline.java:42}), so that a
 * wiring problem found at build time points at the line that caused it. Captured once per operator
 * while the graph is built, never per message.
 */
record CallSite(String location) {

    private static final Set<String> DSL_CLASSES = Set.of(
            BloodbankBuilder.class.getName(),
            EventStreamImpl.class.getName(),
            BranchedStreamImpl.class.getName(),
            CommandStreamImpl.class.getName(),
            CallSite.class.getName());

    private static final StackWalker WALKER = StackWalker.getInstance();

    static CallSite here() {
        String location = WALKER.walk(frames -> frames
                .filter(f -> !DSL_CLASSES.contains(f.getClassName()))
                .findFirst()
                .map(f -> (f.getFileName() == null ? f.getClassName() : f.getFileName()) + ":" + f.getLineNumber())
                .orElse("unknown"));
        return new CallSite(location);
    }

    @Override
    public String toString() {
        return location;
    }
}
