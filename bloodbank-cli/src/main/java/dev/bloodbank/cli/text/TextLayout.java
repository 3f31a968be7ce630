package dev.bloodbank.cli.text;

/** Small text helpers shared by the human-readable outputs. */
public final class TextLayout {

    private TextLayout() {}

    /** "1 event", "2 events". */
    public static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /** Pads with spaces to {@code width}; longer text is left as it is. */
    public static String pad(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }

    /** Indents every line by two spaces. */
    public static String indent(String text) {
        return "  " + text.replace("\n", "\n  ");
    }
}
