package dev.bloodbank.schema.compat;

/**
 * A change that breaks the consumers of one key under its compatibility mode: data, for a plan, a
 * CI check or a registry to print as they see fit.
 *
 * @param key the event or command key
 * @param againstVersion the earlier version it breaks against: its position, from 1, in the list checked against
 * @param pointer the JSON pointer in the new schema; for something removed, where it was
 * @param message what changed and what it breaks
 * @param hint how to make the change compatible
 */
public record Incompatibility(
        String key, Rule rule, Direction direction, int againstVersion, String pointer, String message, String hint) {}
