package dev.bloodbank.topology;

/**
 * One thing wrong with a topology file, located, with a hint that says how to fix it.
 * Its text form is {@code FILE:LINE:COLUMN: error: message}, the form compilers use, so editors
 * and CI annotators can jump to it.
 */
public record Problem(Severity severity, Location location, String message, String hint) {

    public static Problem error(Location location, String message, String hint) {
        return new Problem(Severity.ERROR, location, message, hint);
    }

    public static Problem warning(Location location, String message, String hint) {
        return new Problem(Severity.WARNING, location, message, hint);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** The one-line form, without the hint. */
    public String headline() {
        return location + ": " + severity.label() + ": " + message;
    }

    @Override
    public String toString() {
        return hint == null || hint.isBlank() ? headline() : headline() + System.lineSeparator() + "  hint: " + hint;
    }
}
