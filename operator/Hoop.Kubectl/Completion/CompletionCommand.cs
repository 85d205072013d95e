using System.CommandLine;

namespace Hoop.Kubectl.Completion;

/// <summary>
/// <c>kubectl hoop completion bash|zsh|kubectl-plugin</c>: shell scripts that ask the executable itself for suggestions
/// through System.CommandLine's <c>[suggest:POSITION]</c> directive, so completion always matches the installed version.
/// </summary>
internal static class CompletionCommand
{
    public static Command Create()
    {
        var shell = new Argument<string>("SHELL") { Description = "bash, zsh, or kubectl-plugin (the kubectl_complete-hoop script kubectl 1.26+ runs for 'kubectl hoop <TAB>')." };
        shell.AcceptOnlyFromAmong("bash", "zsh", "kubectl-plugin");
        var command = new Command("completion", "Print a shell completion script.") { shell };
        command.SetAction(parseResult =>
        {
            parseResult.InvocationConfiguration.Output.Write(parseResult.GetValue(shell) switch
            {
                "bash" => Bash,
                "zsh" => Zsh,
                _ => KubectlPlugin,
            });
            return 0;
        });
        return command;
    }

    private const string Bash = """
        # kubectl-hoop bash completion: source <(kubectl hoop completion bash)
        _kubectl_hoop() {
            local IFS=$'\n'
            COMPREPLY=( $(compgen -W "$(kubectl-hoop "[suggest:${COMP_POINT}]" "${COMP_LINE}" 2>/dev/null)" -- "${COMP_WORDS[COMP_CWORD]}") )
        }
        complete -o default -F _kubectl_hoop kubectl-hoop

        """;

    private const string Zsh = """
        #compdef kubectl-hoop
        # kubectl-hoop zsh completion: source <(kubectl hoop completion zsh)
        _kubectl_hoop() {
            local -a suggestions
            suggestions=("${(@f)$(kubectl-hoop "[suggest:${#BUFFER[1,CURSOR]}]" "${BUFFER}" 2>/dev/null)}")
            compadd -- $suggestions
        }
        compdef _kubectl_hoop kubectl-hoop

        """;

    private const string KubectlPlugin = """
        #!/usr/bin/env sh
        # kubectl_complete-hoop: put it on PATH, executable, next to kubectl-hoop; kubectl 1.26+ runs it for 'kubectl hoop <TAB>'
        # with the words after 'kubectl hoop', the last being the word to complete (empty after a space).
        line="kubectl-hoop $*"
        kubectl-hoop "[suggest:${#line}]" "$line" 2>/dev/null
        # Tell kubectl (cobra) to fall back to file names when nothing matched.
        echo ":0"

        """;
}
