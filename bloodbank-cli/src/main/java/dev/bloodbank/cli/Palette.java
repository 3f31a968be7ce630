package dev.bloodbank.cli;

/**
 * Colours for terminal output. Plain unless stdout is an interactive terminal and NO_COLOR is
 * unset (https://no-color.org), so that pipes, files and CI logs never see escape codes.
 */
record Palette(boolean enabled) {

    static final Palette PLAIN = new Palette(false);

    static Palette forTerminal(boolean interactive, String noColor) {
        return new Palette(interactive && (noColor == null || noColor.isEmpty()));
    }

    String bold(String text) {
        return style("1", text);
    }

    String faint(String text) {
        return style("2", text);
    }

    String red(String text) {
        return style("31", text);
    }

    String yellow(String text) {
        return style("33", text);
    }

    String green(String text) {
        return style("32", text);
    }

    String cyan(String text) {
        return style("36", text);
    }

    private String style(String code, String text) {
        return enabled ? "\u001b[" + code + "m" + text + "\u001b[0m" : text;
    }
}
