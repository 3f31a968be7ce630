package dev.bloodbank.topology;

/** Events say what happened (past tense); commands ask for something to be done (imperative). */
public enum MessageKind {
    EVENT,
    COMMAND;

    public String label() {
        return this == EVENT ? "event" : "command";
    }
}
