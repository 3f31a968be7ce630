package dev.bloodbank.cli;

/**
 * Something the user asked for that cannot be done as asked (an unknown key, an unreadable file).
 * It ends the command with exit code 1 and one line, plus a hint when there is a way out.
 */
final class UserError extends RuntimeException {

    private final String hint;

    UserError(String message, String hint) {
        super(message, null, false, false);
        this.hint = hint;
    }

    UserError(String message) {
        this(message, null);
    }

    String hint() {
        return hint;
    }
}
