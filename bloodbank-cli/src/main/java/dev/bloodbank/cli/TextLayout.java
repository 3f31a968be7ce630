package dev.bloodbank.cli;

/** Small text helpers shared by the human-readable outputs. */
final class TextLayout {

    private TextLayout() {}

    /** "1 event", "2 events". */
    static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /** Pads with spaces to {@code width}; longer text is left as it is. */
    static String pad(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }

    /** Indents every line by two spaces. */
    static String indent(String text) {
        return "  " + text.replace("\n", "\n  ");
    }
}
