package dev.bloodbank.cli.catalog;

import dev.bloodbank.cli.BloodbankCommand;
import dev.bloodbank.cli.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
        name = "completion",
        header = "Print the shell completion script for bash or zsh.",
        description = {
            "Completes commands, options and their values, and, read from the topology the command line",
            "names (-f, else the usual default), event and command keys (show, publish, tail) and",
            "subscription names and command keys (dlq). Load it in the running shell, or from its rc file:",
            "",
            "  bash:  source <(bloodbank completion bash)      (in ~/.bashrc)",
            "  zsh:   source <(bloodbank completion zsh)       (in ~/.zshrc)",
            "",
            "The script calls `bloodbank` on the PATH for the topology's names."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  bloodbank completion bash > /etc/bash_completion.d/bloodbank",
            "  source <(bloodbank completion zsh)"
        })
public final class CompletionCommand extends BloodbankCommand {

    enum Shell { bash, zsh }

    @Parameters(paramLabel = "SHELL", description = "bash or zsh.")
    Shell shell;

    @Override
    public Integer call() {
        out().print(CompletionScript.of(spec.root().commandLine()).forShell(shell));
        return ExitCodes.OK;
    }
}
