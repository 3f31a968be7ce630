package dev.bloodbank.cli.text;

/**
 * Colours for terminal output. Plain unless stdout is an interactive terminal and NO_COLOR is
 * unset (https://no-color.org), so that pipes, files and CI logs never see escape codes.
 */
public record Palette(boolean enabled) {

    public static final Palette PLAIN = new Palette(false);

    public static Palette forTerminal(boolean interactive, String noColor) {
        return new Palette(interactive && (noColor == null || noColor.isEmpty()));
    }

    public String bold(String text) {
        return style("1", text);
    }

    public String faint(String text) {
        return style("2", text);
    }

    public String red(String text) {
        return style("31", text);
    }

    public String yellow(String text) {
        return style("33", text);
    }

    public String green(String text) {
        return style("32", text);
    }

    public String cyan(String text) {
        return style("36", text);
    }

    private String style(String code, String text) {
        return enabled ? "\u001b[" + code + "m" + text + "\u001b[0m" : text;
    }
}
