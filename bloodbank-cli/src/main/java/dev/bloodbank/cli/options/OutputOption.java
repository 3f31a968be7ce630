package dev.bloodbank.cli.options;

import picocli.CommandLine.Option;

/** The {@code -o/--output} option of every command that prints data. */
public final class OutputOption {

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FORMAT",
            converter = OutputFormat.Converter.class,
            description = "Output format: text (or table), the default, for people; json for scripts."
                    + " The JSON carries a formatVersion that changes only when the format does.")
    OutputFormat format = OutputFormat.HUMAN;

    public boolean json() {
        return format == OutputFormat.JSON;
    }
}
