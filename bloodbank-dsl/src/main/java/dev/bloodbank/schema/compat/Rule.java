package dev.bloodbank.schema.compat;

/**
 * Every kind of change between two versions of a JSON Schema that compatibility is judged on,
 * named for what changed from the old version to the new one, as Confluent's {@code Difference.Type}
 * names them. Each knows in which directions it breaks consumers and, for those, how to make the
 * change compatible instead. A {@code null} hint means the change is compatible in that direction.
 */
public enum Rule {
    TYPE_WIDENED(null,
            "keep the old type, or carry the wider values in a new optional property"),
    TYPE_NARROWED(
            "accept the old type too (e.g. \"type\": [\"integer\", \"number\"] keeps both), or put the narrower values in a new optional property",
            null),
    TYPE_CHANGED(
            "a type cannot be swapped in place: add a new optional property with the new type and stop writing the old one",
            "a type cannot be swapped in place: add a new optional property with the new type and stop writing the old one"),
    PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL(
            "an open object (no \"additionalProperties\": false) may already carry this name with any value: give the new"
                    + " property an empty schema ({}), or close the object in a version of its own first",
            null),
    PROPERTY_WITH_EMPTY_SCHEMA_ADDED_TO_OPEN_CONTENT_MODEL(null, null),
    PROPERTY_ADDED_TO_CLOSED_CONTENT_MODEL(null,
            "consumers on the old schema reject properties they do not declare (\"additionalProperties\": false):"
                    + " open the object in a version of its own first, or relax the key's compatibility to BACKWARD"),
    PROPERTY_REMOVED_FROM_OPEN_CONTENT_MODEL(null,
            "consumers on the old schema still check this property's values, and the open object now lets any value"
                    + " through: keep the property declared (writers may simply stop sending it)"),
    PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL(
            "messages written with the old schema may carry this property, which the closed object now rejects: keep it"
                    + " declared as an optional property (writers may stop sending it)",
            null),
    REQUIRED_PROPERTY_ADDED(
            "add a \"default\" to the property, or make it optional (leave it out of \"required\")",
            null),
    REQUIRED_PROPERTY_WITH_DEFAULT_ADDED(null, null),
    REQUIRED_PROPERTY_REMOVED(null,
            "consumers on the old schema require it: keep it in \"required\" until every consumer reads the new schema"),
    REQUIRED_PROPERTY_WITH_DEFAULT_REMOVED(null, null),
    ENUM_VALUE_ADDED(null,
            "consumers on the old schema reject the new value: add it once every consumer reads a schema that has it,"
                    + " or relax the key's compatibility to BACKWARD"),
    ENUM_VALUE_REMOVED(
            "messages written with the old schema may hold this value: keep it in the enum (writers may stop using it)",
            null),
    CONSTRAINT_TIGHTENED(
            "messages written with the old schema may break the tighter constraint: keep the old one, and enforce the"
                    + " new rule in the producer",
            null),
    CONSTRAINT_LOOSENED(null,
            "consumers on the old schema still enforce the old constraint: keep it, or relax the key's compatibility to BACKWARD"),
    PATTERN_CHANGED(
            "a changed pattern accepts other strings: keep the old pattern, or put the new form in a new optional property",
            "a changed pattern accepts other strings: keep the old pattern, or put the new form in a new optional property"),
    ADDITIONAL_PROPERTIES_EXTENDED(null,
            "consumers on the old schema reject properties they do not declare: keep \"additionalProperties\" as it was"),
    ADDITIONAL_PROPERTIES_NARROWED(
            "messages written with the old schema may carry properties it does not declare: keep the object open, or"
                    + " declare every property they may carry",
            null),
    UNION_BRANCH_ADDED(null,
            "consumers on the old schema match none of their branches: add the branch once every consumer reads it,"
                    + " or relax the key's compatibility to BACKWARD"),
    UNION_BRANCH_REMOVED(
            "messages written with the old schema may match only the removed branch: keep it",
            null),
    ONE_OF_RELAXED_TO_ANY_OF(null,
            "consumers on the old schema reject a value matching several branches: keep \"oneOf\""),
    ANY_OF_TIGHTENED_TO_ONE_OF(
            "messages written with the old schema may match several branches, which \"oneOf\" rejects: keep \"anyOf\"",
            null),
    KEYWORD_CHANGED(
            "Bloodbank does not judge changes to this keyword and counts them as breaking: leave it as it was, or set"
                    + " 'compatibility: NONE' on the key for this change",
            "Bloodbank does not judge changes to this keyword and counts them as breaking: leave it as it was, or set"
                    + " 'compatibility: NONE' on the key for this change");

    private final String backwardHint;
    private final String forwardHint;

    Rule(String backwardHint, String forwardHint) {
        this.backwardHint = backwardHint;
        this.forwardHint = forwardHint;
    }

    /** Whether a change of this kind breaks consumers in that direction. */
    public boolean breaks(Direction direction) {
        return hint(direction) != null;
    }

    /** How to make the change compatible in that direction; null when it already is. */
    public String hint(Direction direction) {
        return direction == Direction.BACKWARD ? backwardHint : forwardHint;
    }
}
