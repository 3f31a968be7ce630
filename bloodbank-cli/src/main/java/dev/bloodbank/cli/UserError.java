package dev.bloodbank.cli;

/**
 * Something the user asked for that cannot be done as asked (an unknown key, an unreadable file).
 * It ends the command with exit code 1 and one line, plus a hint when there is a way out.
 */
public final class UserError extends RuntimeException {

    private final String hint;

    public UserError(String message, String hint) {
        super(message, null, false, false);
        this.hint = hint;
    }

    public UserError(String message) {
        this(message, null);
    }

    public String hint() {
        return hint;
    }
}
