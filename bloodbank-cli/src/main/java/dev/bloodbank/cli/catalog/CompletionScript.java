package dev.bloodbank.cli.catalog;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import picocli.AutoComplete;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine;

/**
 * The completion script: picocli's, generated from the command model (commands, options, enum
 * values, files), and in front of it a function that completes the positional arguments only the
 * topology knows by asking {@code bloodbank __complete}.
 */
final class CompletionScript {

    /** Which positional arguments take names from the topology, by command path; "all" positionals or only the first. */
    private static final String DYNAMIC = """
            # Keys and consumer names come from the topology the command line names (-f FILE).
            _bloodbank_topology_args() {
              local i
              for (( i=1; i < COMP_CWORD; i++ )); do
                case "${COMP_WORDS[i]}" in
                  -f|--topology) printf '%s\\n' -f "${COMP_WORDS[i+1]}"; return;;
                  --topology=*) printf '%s\\n' -f "${COMP_WORDS[i]#--topology=}"; return;;
                esac
              done
            }

            # The command path (e.g. "dlq list") and how many positionals precede the word being completed
            # decide whether it is a key, a consumer name, or something picocli's function completes.
            _bloodbank_complete() {
              local cur="${COMP_WORDS[COMP_CWORD]}" path="" positional=0 i word kind=""
              for (( i=1; i < COMP_CWORD; i++ )); do
                word="${COMP_WORDS[i]}"
                if [[ " $_bloodbank_valued_options " == *" $word "* ]]; then (( i++ )); continue; fi
                [[ "$word" == -* ]] && continue
                if [[ -z "$path" ]]; then path="$word"
                elif [[ "$path" == dlq && $positional -eq 0 && " list show replay " == *" $word "* ]]; then path="dlq $word"
                else (( positional++ )); fi
              done
              local prev="${COMP_WORDS[COMP_CWORD-1]}"
              if [[ "$cur" != -* && ! ( COMP_CWORD -gt 1 && " $_bloodbank_valued_options " == *" $prev "* ) ]]; then
                case "$path" in
                  show|publish) (( positional == 0 )) && kind=keys;;
                  tail) kind=keys;;
                  "dlq list"|"dlq show"|"dlq replay") (( positional == 0 )) && kind=consumers;;
                esac
              fi
              if [[ -n "$kind" ]]; then
                local IFS=$'\\n'
                COMPREPLY=( $(compgen -W "$(bloodbank __complete "$kind" $(_bloodbank_topology_args) 2>/dev/null)" -- "$cur") )
                return 0
              fi
              _complete_bloodbank "$@"
            }
            complete -F _bloodbank_complete -o default bloodbank
            """;

    private final String generated;
    private final String valuedOptions;

    private CompletionScript(String generated, String valuedOptions) {
        this.generated = generated;
        this.valuedOptions = valuedOptions;
    }

    static CompletionScript of(CommandLine root) {
        return new CompletionScript(AutoComplete.bash("bloodbank", root), valuedOptions(root.getCommandSpec()));
    }

    /** The same script for both: picocli's runs in zsh through bashcompinit, which it loads itself. */
    String forShell(CompletionCommand.Shell shell) {
        String header = "# " + shell + " completion for bloodbank; load it with: source <(bloodbank completion " + shell + ")\n";
        return header + generated + "\n_bloodbank_valued_options=\"" + valuedOptions + "\"\n\n" + DYNAMIC;
    }

    /** Every option name, of any command, that takes a value: the word after it is that value. */
    private static String valuedOptions(CommandSpec root) {
        TreeSet<String> names = new TreeSet<>();
        collect(root, names);
        return String.join(" ", names);
    }

    private static void collect(CommandSpec command, TreeSet<String> names) {
        for (OptionSpec option : command.options()) {
            if (option.arity().max() > 0 && option.arity().min() > 0) names.addAll(List.of(option.names()));
        }
        for (Map.Entry<String, CommandLine> sub : command.subcommands().entrySet()) collect(sub.getValue().getCommandSpec(), names);
    }
}
