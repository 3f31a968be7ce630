package dev.bloodbank.schema.compat;

/**
 * One difference between two versions of a schema.
 *
 * @param pointer the JSON pointer of the change in the new schema; for something removed, where it was
 * @param description what changed, in words, e.g. "property 'language' added to an open object"
 */
public record Change(Rule rule, String pointer, String description) {

    public boolean breaks(Direction direction) {
        return rule.breaks(direction);
    }
}
