package dev.bloodbank.dsl;

/**
 * One thing wrong with how an application is wired against its topology: which call ({@code where},
 * with the source line it was written on), what is wrong, and how to fix it.
 */
public record WiringProblem(String where, String message, String hint) {

    @Override
    public String toString() {
        String line = where + ": " + message;
        return hint == null || hint.isBlank() ? line : line + System.lineSeparator() + "    hint: " + hint;
    }
}
