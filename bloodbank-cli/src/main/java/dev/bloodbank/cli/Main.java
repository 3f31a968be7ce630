package dev.bloodbank.cli;

import dev.bloodbank.cli.catalog.CompleteCommand;
import dev.bloodbank.cli.catalog.CompletionCommand;
import dev.bloodbank.cli.catalog.DescribeCommand;
import dev.bloodbank.cli.catalog.ListCommandsCommand;
import dev.bloodbank.cli.catalog.ListEventsCommand;
import dev.bloodbank.cli.catalog.RunCommand;
import dev.bloodbank.cli.catalog.ShowCommand;
import dev.bloodbank.cli.catalog.ValidateCommand;
import dev.bloodbank.cli.dashboard.DashboardCommand;
import dev.bloodbank.cli.operate.DlqCommand;
import dev.bloodbank.cli.operate.PublishCommand;
import dev.bloodbank.cli.operate.ReplayCommand;
import dev.bloodbank.cli.operate.StatsCommand;
import dev.bloodbank.cli.operate.TailCommand;
import dev.bloodbank.cli.operate.TraceCommand;
import dev.bloodbank.cli.reconcile.ApplyCommand;
import dev.bloodbank.cli.reconcile.DoctorCommand;
import dev.bloodbank.cli.reconcile.PlanCommand;
import dev.bloodbank.cli.schema.ExportCommand;
import dev.bloodbank.cli.schema.SchemaCommand;
import dev.bloodbank.cli.text.Palette;
import dev.bloodbank.topology.ComposeCache;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * The {@code bloodbank} command. Subcommands are registered in the one list below ({@link #COMMANDS});
 * each is a class of its own. Attributes with {@code scope = INHERIT} (help and version options, the
 * exit-code section) reach every subcommand, so their help pages read alike.
 */
@Command(
        name = "bloodbank",
        scope = ScopeType.INHERIT,
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        headerHeading = "%n",
        synopsisHeading = "%nUsage: ",
        descriptionHeading = "%nDescription:%n",
        parameterListHeading = "%nParameters:%n",
        optionListHeading = "%nOptions:%n",
        commandListHeading = "%nCommands:%n",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:Success.",
            "1:Failure: an invalid or unreadable topology, an unknown key, a broker that is unreachable or refuses the request, a publish that is not confirmed.",
            "2:Usage error: an unknown option, a missing or malformed argument."
        },
        header = "The event bus toolkit of the 33GOD ecosystem.",
        description = {
            "Bloodbank reads topology.yaml, the catalog of every event and command the ecosystem's"
                    + " services exchange over RabbitMQ, with their JSON Schemas and the queues that consume"
                    + " them. Its commands browse and validate the catalog, plan and apply it on the broker,"
                    + " publish and tail messages, inspect and replay dead letters, show what flows"
                    + " through the queues, and describe an application's graph.",
            "",
            "The topology is the file given with -f, else the file named by $BLOODBANK_TOPOLOGY, else"
                    + " topology.yaml in the working directory, else the sample catalog built into bloodbank.",
            "",
            "Colour is used only when stdout is a terminal and NO_COLOR is not set."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  bloodbank show fireflies.transcript.uploaded     # browse the catalog",
            "  bloodbank validate -f topology.yaml              # check a topology",
            "  bloodbank plan && bloodbank apply                # make RabbitMQ match it",
            "  bloodbank publish agent.task.assign --example 1  # send a message",
            "  bloodbank tail 'fireflies.#'                     # watch messages go by",
            "  bloodbank dlq list transcript-processor          # what failed for good",
            "  bloodbank stats --watch 5s                       # queue depths and rates",
            "  bloodbank describe --classpath app.jar           # an application's graph",
            "  bloodbank run --classpath app.jar                # run it on RabbitMQ",
            "  source <(bloodbank completion bash)              # tab completion",
            "  bloodbank schema check --against main.yaml       # schemas still compatible?",
            "  bloodbank export asyncapi -o asyncapi.json       # the bus for AsyncAPI tools",
            "  bloodbank help show"
        })
public final class Main implements Callable<Integer> {

    /** Every subcommand, in the order the help lists them. */
    static final List<Class<?>> COMMANDS = List.of(
            ListEventsCommand.class,
            ListCommandsCommand.class,
            ShowCommand.class,
            ValidateCommand.class,
            PlanCommand.class,
            ApplyCommand.class,
            PublishCommand.class,
            TailCommand.class,
            ReplayCommand.class,
            TraceCommand.class,
            DlqCommand.class,
            StatsCommand.class,
            DescribeCommand.class,
            DashboardCommand.class,
            RunCommand.class,
            CompletionCommand.class,
            CompleteCommand.class,
            SchemaCommand.class,
            ExportCommand.class,
            DoctorCommand.class,
            HelpCommand.class);

    /** The commands that read the whole tree: the help lists it, the completions walk it. */
    private static final Set<Class<?>> NEED_EVERY_COMMAND = Set.of(HelpCommand.class, CompletionCommand.class,
            CompleteCommand.class);

    @Spec
    CommandSpec spec;

    private final CliEnvironment environment;

    Main(CliEnvironment environment) {
        this.environment = environment;
    }

    public static void main(String... args) {
        composedDocuments(System.getenv()).ifPresent(ComposeCache::useDirectory);
        boolean terminal = System.console() != null;
        Palette palette = Palette.forTerminal(terminal, System.getenv("NO_COLOR"));
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        System.exit(run(CliEnvironment.ofProcess(palette), out, err, args));
    }

    /**
     * Where a command line keeps the YAML documents it composed ({@link ComposeCache}): under
     * {@code $BLOODBANK_CACHE_DIR}, else {@code $XDG_CACHE_HOME/bloodbank}, else
     * {@code ~/.cache/bloodbank}; none with {@code BLOODBANK_CACHE=0}.
     */
    static Optional<Path> composedDocuments(Map<String, String> env) {
        if ("0".equals(env.get("BLOODBANK_CACHE"))) return Optional.empty();
        String own = env.get("BLOODBANK_CACHE_DIR");
        String xdg = env.get("XDG_CACHE_HOME");
        Path base = own != null && !own.isBlank() ? Path.of(own)
                : xdg != null && !xdg.isBlank() ? Path.of(xdg, "bloodbank")
                : Path.of(System.getProperty("user.home"), ".cache", "bloodbank");
        return Optional.of(base.resolve("composed"));
    }

    /** Runs one command line with plain (uncoloured) output; returns the exit code instead of exiting. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return run(CliEnvironment.ofProcess(Palette.PLAIN), out, err, args);
    }

    /** Runs one command line in the given environment (variables, working directory, colour, application class loader). */
    public static int run(CliEnvironment environment, PrintWriter out, PrintWriter err, String... args) {
        Failures failures = new Failures(environment);
        CommandLine commandLine = new CommandLine(new Main(environment));
        for (Class<?> command : commandsFor(args)) commandLine.addSubcommand(command);
        commandLine.setOut(out)
                .setErr(err)
                .setColorScheme(CommandLine.Help.defaultColorScheme(
                        environment.palette().enabled() ? CommandLine.Help.Ansi.ON : CommandLine.Help.Ansi.OFF))
                .setExecutionExceptionHandler(failures)
                .setExitCodeExceptionMapper(failures)
                .setParameterExceptionHandler(failures)
                // `publish --json @payload.json` names a payload file; picocli must not expand it as an argument file.
                .setExpandAtFiles(false);
        int exitCode = commandLine.execute(args);
        out.flush();
        err.flush();
        return exitCode;
    }

    /**
     * The subcommands this command line needs: the one it names, or every one. Picocli reads the
     * options, mixins and help texts of each registered command when the tree is built, about
     * 0.17 s of a 0.5 s run for all of them; a run needs only its own. The whole tree is built
     * whenever the first argument is not exactly a command's name (an option, a typo that deserves
     * suggestions, nothing) or names a command that reads the tree.
     */
    static List<Class<?>> commandsFor(String... args) {
        if (args.length == 0) return COMMANDS;
        for (Class<?> command : COMMANDS) {
            Command annotation = command.getAnnotation(Command.class);
            boolean named = annotation.name().equals(args[0]) || Arrays.asList(annotation.aliases()).contains(args[0]);
            if (named) return NEED_EVERY_COMMAND.contains(command) ? COMMANDS : List.of(command);
        }
        return COMMANDS;
    }

    CliEnvironment environment() {
        return environment;
    }

    /** {@code bloodbank} alone: the command is missing, a usage error. */
    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        CommandLine.Help help = spec.commandLine().getHelp();
        err.println("bloodbank: a command is required");
        err.print("Usage: " + help.synopsis(0));
        err.print(help.commandListHeading());
        err.print(help.commandList());
        err.println("Try 'bloodbank --help' for more information.");
        return ExitCodes.USAGE;
    }
}
