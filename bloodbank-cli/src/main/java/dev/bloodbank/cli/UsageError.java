package dev.bloodbank.cli;

/**
 * An argument or setting whose form is wrong (a malformed URL, a port out of range): the command
 * line itself must change. It ends the command with exit code 2 and one line saying the expected form.
 */
public final class UsageError extends RuntimeException {

    public UsageError(String message) {
        super(message, null, false, false);
    }
}
