package dev.bloodbank.cli.options;

import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** How a command prints: for people (a table or text, depending on the command) or as JSON for scripts. */
enum OutputFormat {
    HUMAN,
    JSON;

    /** Accepts {@code table} and {@code text} (the human form, named as each command calls it) and {@code json}. */
    static final class Converter implements ITypeConverter<OutputFormat> {
        @Override
        public OutputFormat convert(String value) {
            return switch (value.toLowerCase(Locale.ROOT)) {
                case "table", "text" -> HUMAN;
                case "json" -> JSON;
                default -> throw new TypeConversionException(
                        "'" + value + "' is not an output format; use table (or text) or json");
            };
        }
    }
}
