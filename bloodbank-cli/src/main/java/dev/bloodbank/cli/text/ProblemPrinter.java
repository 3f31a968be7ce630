package dev.bloodbank.cli.text;

import dev.bloodbank.topology.Problem;
import java.io.PrintWriter;
import java.util.List;

/** Prints problems in the compiler form editors and CI annotators understand: FILE:LINE:COLUMN: error: message. */
public final class ProblemPrinter {

    private final Palette palette;

    public ProblemPrinter(Palette palette) {
        this.palette = palette;
    }

    public void print(List<Problem> problems, PrintWriter err) {
        for (Problem problem : problems) print(problem, err);
    }

    public void print(Problem problem, PrintWriter err) {
        String label = problem.isError()
                ? palette.red(problem.severity().label())
                : palette.yellow(problem.severity().label());
        err.println(palette.bold(problem.location().toString()) + ": " + label + ": " + problem.message());
        if (problem.hint() != null && !problem.hint().isBlank()) err.println("  hint: " + problem.hint());
    }

    /** "2 errors, 1 warning". */
    public static String count(List<Problem> problems) {
        long errors = problems.stream().filter(Problem::isError).count();
        long warnings = problems.size() - errors;
        return plural(errors, "error") + ", " + plural(warnings, "warning");
    }

    public static String plural(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
