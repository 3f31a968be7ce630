package dev.bloodbank.envelope;

/**
 * A message body that cannot be read as an envelope. {@link #problem()} says which of the two
 * ways it failed, because they lead to different dead-letter reasons: a body that is not JSON at
 * all came from something that does not speak our protocol, a JSON body that is not an envelope
 * came from a producer with a bug. {@link #field()} names the missing or bad field, when there is one.
 */
public final class EnvelopeDecodingException extends Exception {

    /** The two ways a body fails to be an envelope. */
    public enum Problem {
        NOT_JSON,
        NOT_AN_ENVELOPE
    }

    private final Problem problem;
    private final String field;

    EnvelopeDecodingException(Problem problem, String field, String message, Throwable cause) {
        super(message, cause);
        this.problem = problem;
        this.field = field;
    }

    static EnvelopeDecodingException notJson(String detail, Throwable cause) {
        return new EnvelopeDecodingException(Problem.NOT_JSON, null, "body is not JSON: " + detail, cause);
    }

    static EnvelopeDecodingException badField(String field, String what) {
        return new EnvelopeDecodingException(Problem.NOT_AN_ENVELOPE, field,
                "not an envelope: field '" + field + "' " + what, null);
    }

    static EnvelopeDecodingException notAnObject(String nodeType) {
        return new EnvelopeDecodingException(Problem.NOT_AN_ENVELOPE, null,
                "not an envelope: the body is a JSON " + nodeType + ", an envelope is a JSON object", null);
    }

    public Problem problem() {
        return problem;
    }

    /** The envelope field that is missing or malformed ({@code source.app}, say); null when the body is not JSON. */
    public String field() {
        return field;
    }
}
