package dev.bloodbank.cli;

import picocli.CommandLine.Option;

/** The {@code -o/--output} option of every command that prints data. */
final class OutputOption {

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FORMAT",
            converter = OutputFormat.Converter.class,
            description = {
                "Output format: table (or text), the default, for people; json for scripts.",
                "The JSON carries a formatVersion and stays stable across releases."
            })
    OutputFormat format = OutputFormat.HUMAN;

    boolean json() {
        return format == OutputFormat.JSON;
    }
}
