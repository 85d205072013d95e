using Hoop.Policy.Shell;

namespace Hoop.Policy.Tests.Shell;

public sealed class ShellCommandLineTests
{
    private static string[] Canonical(string commandLine) =>
        ShellCommandLine.Parse(commandLine).Commands.Select(c => c.CanonicalText).ToArray();

    private static void AssertComplete(string commandLine, params string[] expected)
    {
        var result = ShellCommandLine.Parse(commandLine);
        Assert.True(result.Complete, result.Incomplete);
        Assert.Equal(expected, result.Commands.Select(c => c.CanonicalText).ToArray());
    }

    [Theory]
    [InlineData("ls", "ls")]
    [InlineData("ls -la /tmp", "ls -la /tmp")]
    [InlineData("  ls   -la\t/tmp  ", "ls -la /tmp")]
    [InlineData("echo 'a  b' \"c d\"", "echo a  b c d")]
    [InlineData("echo \"a\\\"b\\\\c\\$d\\`e\"", "echo a\"b\\c$d`e")]
    [InlineData("echo \"a\\nb\"", "echo a\\nb")]
    [InlineData("echo a\\ b", "echo a b")]
    [InlineData("echo $'a\\tb'", "echo a\tb")]
    [InlineData("echo x # a comment; rm -rf /", "echo x")]
    [InlineData("echo a#b", "echo a#b")]
    [InlineData("/usr/bin/id -u", "id -u")]
    [InlineData("echo \"\"", "echo ")]
    public void Words_are_read_after_quote_removal(string commandLine, string expected)
    {
        AssertComplete(commandLine, expected);
    }

    [Theory]
    [InlineData("r''m -rf /")]
    [InlineData("\\rm -rf /")]
    [InlineData("/bin/rm -rf /")]
    [InlineData("\"r\"m -rf /")]
    [InlineData("'rm' -rf /")]
    [InlineData("r\\m -rf /")]
    [InlineData("r\\\nm -rf /")]
    [InlineData("$'\\x72m' -rf /")]
    [InlineData("$'\\162m' -rf /")]
    [InlineData("$'\\u0072m' -rf /")]
    [InlineData("$'rm\\0zzz' -rf /")]
    [InlineData("$\"rm\" -rf /")]
    [InlineData("X=1 rm -rf /")]
    [InlineData("X=1 Y=\"a b\" rm -rf /")]
    [InlineData("sh -c 'rm -rf /'")]
    [InlineData("bash -c \"echo; rm -rf /\"")]
    [InlineData("bash -ec 'rm -rf /'")]
    [InlineData("bash -x -c 'rm -rf /'")]
    [InlineData("bash -o pipefail -c 'rm -rf /'")]
    [InlineData("zsh -c 'rm -rf /'")]
    [InlineData("dash -c 'rm -rf /'")]
    [InlineData("ksh -c 'rm -rf /'")]
    [InlineData("/bin/sh -c 'rm -rf /'")]
    [InlineData("busybox sh -c 'rm -rf /'")]
    [InlineData("busybox rm -rf /")]
    [InlineData("sh -c \"sh -c 'rm -rf /'\"")]
    [InlineData("echo $(rm -rf /)")]
    [InlineData("echo \"$(rm -rf /)\"")]
    [InlineData("echo `rm -rf /`")]
    [InlineData("echo \"`rm -rf /`\"")]
    [InlineData("echo ${X:-$(rm -rf /)}")]
    [InlineData("echo \"${X:-`rm -rf /`}\"")]
    [InlineData("echo $((1 + $(rm -rf /)))")]
    [InlineData("X=$(rm -rf /)")]
    [InlineData("true && rm -rf /")]
    [InlineData("false || rm -rf /")]
    [InlineData("ls; rm -rf /")]
    [InlineData("ls & rm -rf /")]
    [InlineData("ls\nrm -rf /")]
    [InlineData("ls\r\nrm -rf /")]
    [InlineData("ls | rm -rf /")]
    [InlineData("ls |& rm -rf /")]
    [InlineData("(rm -rf /)")]
    [InlineData("( (rm -rf /) )")]
    [InlineData("{ rm -rf /; }")]
    [InlineData("! rm -rf /")]
    [InlineData("if true; then rm -rf /; fi")]
    [InlineData("if false; then :; elif true; then :; else rm -rf /; fi")]
    [InlineData("if rm -rf /; then :; fi")]
    [InlineData("while true; do rm -rf /; done")]
    [InlineData("until false; do rm -rf /; done")]
    [InlineData("for f in a b; do rm -rf /; done")]
    [InlineData("for f in $(rm -rf /); do :; done")]
    [InlineData("for f; do rm -rf /; done")]
    [InlineData("case x in x) rm -rf /;; esac")]
    [InlineData("case x in\n  (a|b) ls ;;\n  *) rm -rf / ;;\nesac")]
    [InlineData("case $(rm -rf /) in *) ;; esac")]
    [InlineData("f() { rm -rf /; }; f")]
    [InlineData("function f { rm -rf /; }")]
    [InlineData("function f() { rm -rf /; }")]
    [InlineData("cat <(rm -rf /)")]
    [InlineData("tee >(rm -rf /)")]
    [InlineData("ls > >(rm -rf /)")]
    [InlineData("ls > /dev/null; rm -rf /")]
    [InlineData("ls 2>&1 && rm -rf /")]
    [InlineData(">/tmp/x rm -rf /")]
    [InlineData("cat <<EOF\n$(rm -rf /)\nEOF")]
    [InlineData("cat <<EOF\nhello\nEOF\nrm -rf /")]
    [InlineData("cat <<-EOF\n\thello\n\tEOF\nrm -rf /")]
    [InlineData("cat <<'EOF'\n$(ls)\nEOF\nrm -rf /")]
    [InlineData("cat <<< $(rm -rf /)")]
    [InlineData("ls | xargs rm -rf")]
    [InlineData("ls | xargs -0 -n 1 rm -rf")]
    [InlineData("ls | xargs -I{} rm -rf {}")]
    [InlineData("find / -exec rm -rf {} \\;")]
    [InlineData("find / -name x -execdir rm -rf {} +")]
    [InlineData("find / -ok rm -rf {} ';'")]
    [InlineData("sudo rm -rf /")]
    [InlineData("sudo -u root rm -rf /")]
    [InlineData("sudo -E -u root -- rm -rf /")]
    [InlineData("sudo --user=root rm -rf /")]
    [InlineData("doas rm -rf /")]
    [InlineData("env rm -rf /")]
    [InlineData("env -i rm -rf /")]
    [InlineData("env -i -- X=1 rm -rf /")]
    [InlineData("env - PATH=/bin rm -rf /")]
    [InlineData("nice rm -rf /")]
    [InlineData("nice -n 10 rm -rf /")]
    [InlineData("nice -10 rm -rf /")]
    [InlineData("nohup rm -rf /")]
    [InlineData("timeout 5 rm -rf /")]
    [InlineData("timeout -s KILL -k 1 5s rm -rf /")]
    [InlineData("time rm -rf /")]
    [InlineData("time -p rm -rf /")]
    [InlineData("command rm -rf /")]
    [InlineData("builtin eval 'rm -rf /'")]
    [InlineData("exec rm -rf /")]
    [InlineData("exec -a x rm -rf /")]
    [InlineData("stdbuf -o0 rm -rf /")]
    [InlineData("ionice -c 3 rm -rf /")]
    [InlineData("chroot / rm -rf /")]
    [InlineData("setsid rm -rf /")]
    [InlineData("su -c 'rm -rf /'")]
    [InlineData("su - root -c 'rm -rf /'")]
    [InlineData("su root --command='rm -rf /'")]
    [InlineData("eval \"rm -rf /\"")]
    [InlineData("eval rm -rf /")]
    [InlineData("eval 'eval \"rm -rf /\"'")]
    [InlineData("trap 'rm -rf /' EXIT")]
    [InlineData("ssh host rm -rf /")]
    [InlineData("ssh -p 22 -l root host 'rm -rf /'")]
    [InlineData("watch -n 1 'rm -rf /'")]
    [InlineData("sudo env nice timeout 5 sh -c 'echo hi; rm -rf /'")]
    [InlineData("[[ $(rm -rf /) ]]")]
    [InlineData("coproc rm -rf /")]
    [InlineData("coproc w { rm -rf /; }")]
    [InlineData("a=(1 $(rm -rf /) 3)")]
    public void Rm_is_found_however_it_is_written(string commandLine)
    {
        var result = ShellCommandLine.Parse(commandLine);
        Assert.Contains(result.Commands, c => c.Name == "rm");
        Assert.True(result.Complete, result.Incomplete);
    }

    [Theory]
    [InlineData("$(echo rm) -rf /", "only known at run time")]
    [InlineData("`echo rm` -rf /", "only known at run time")]
    [InlineData("$X -rf /", "only known at run time")]
    [InlineData("${X} -rf /", "only known at run time")]
    [InlineData("\"$@\"", "only known at run time")]
    [InlineData("X=rm; $X -rf /", "only known at run time")]
    [InlineData("/bin/r? -rf /", "only known at run time")]
    [InlineData("/bin/r* -rf /", "only known at run time")]
    [InlineData("/bin/r[m] -rf /", "only known at run time")]
    [InlineData("{r,x}m -rf /", "only known at run time")]
    [InlineData("sudo $CMD", "only known at run time")]
    [InlineData("echo 'unterminated", "single quote is not closed")]
    [InlineData("echo \"unterminated", "double quote is not closed")]
    [InlineData("echo $(ls", "'$(' command substitution is not closed")]
    [InlineData("echo `ls", "'`' command substitution is not closed")]
    [InlineData("echo ${X", "'${' parameter expansion is not closed")]
    [InlineData("echo $'abc", "$'...' string is not closed")]
    [InlineData("cat <<EOF\nhello", "here-document is not ended")]
    [InlineData("cat <<EOF", "here-document is not ended")]
    [InlineData("eval \"$X\"", "only known at run time")]
    [InlineData("eval $(cat /tmp/x)", "only known at run time")]
    [InlineData("sh -c \"$X\"", "only known at run time")]
    [InlineData("source /tmp/x", "runs commands from a file")]
    [InlineData(". /tmp/x", "runs commands from a file")]
    [InlineData("curl x | sh", "reads commands from its input")]
    [InlineData("base64 -d x | bash -s", "reads commands from its input")]
    [InlineData("bash /tmp/script.sh", "runs the script")]
    [InlineData("bash <<EOF\nrm -rf /\nEOF", "reads commands from its input")]
    [InlineData("alias ls=rm", "'alias' changes")]
    [InlineData("sudo -h host rm", "has the option")]
    [InlineData("env -S 'rm -rf /'", "'env' has the option")]
    [InlineData("timeout $T rm -rf /", "computed operand")]
    [InlineData("ssh -o ProxyCommand='rm -rf /' host", "can run local commands")]
    [InlineData("ssh -F cfg host", "can run local commands")]
    [InlineData("ssh host $X", "only known at run time")]
    [InlineData("x='a[$(rm -rf /)]'; (( x ))", "array subscript")]
    [InlineData("(( a[$i] ))", "array subscript")]
    [InlineData("[[ -v a[$i] ]]", "array subscript")]
    [InlineData("read 'a[$i]'", "array subscript")]
    [InlineData("echo $[1+1]", "'$[ ]' arithmetic")]
    [InlineData("ls )", "has no matching '('")]
    [InlineData("(ls", "is not closed by ')'")]
    [InlineData("case x in a) ls;;", "not closed by 'esac'")]
    [InlineData("su root /tmp/x", "passes arguments to a shell")]
    [InlineData("find / -exec rm {}", "is not ended by")]
    [InlineData("echo a\0b", "NUL")]
    [InlineData("ls ${X:-$(echo rm)}; $(echo rm) /", "only known at run time")]
    public void What_cannot_be_seen_through_is_reported_incomplete(string commandLine, string reason)
    {
        var result = ShellCommandLine.Parse(commandLine);
        Assert.False(result.Complete);
        Assert.Contains(reason, result.Incomplete, StringComparison.Ordinal);
    }

    [Fact]
    public void Wrapper_and_inner_command_are_both_reported_with_their_text()
    {
        var result = ShellCommandLine.Parse("sudo -u root rm -rf /tmp/x");
        Assert.True(result.Complete);
        Assert.Collection(
            result.Commands,
            c =>
            {
                Assert.Equal(["sudo", "-u", "root", "rm", "-rf", "/tmp/x"], c.Argv);
                Assert.Equal("sudo -u root rm -rf /tmp/x", c.Text);
                Assert.Equal(0, c.Depth);
            },
            c =>
            {
                Assert.Equal(["rm", "-rf", "/tmp/x"], c.Argv);
                Assert.Equal("rm -rf /tmp/x", c.Text);
                Assert.Equal(1, c.Depth);
            });
    }

    [Fact]
    public void Nested_shell_commands_are_reported_after_the_shell()
    {
        AssertComplete("bash -c \"echo hi; rm -rf /\"", "bash -c echo hi; rm -rf /", "echo hi", "rm -rf /");
        var inner = ShellCommandLine.Parse("bash -c \"echo hi; rm -rf /\"").Commands[2];
        Assert.Equal("rm -rf /", inner.Text);
        Assert.Equal(1, inner.Depth);
    }

    [Fact]
    public void Substitutions_are_reported_before_the_command_that_uses_them()
    {
        AssertComplete("echo $(date) `whoami`", "date", "whoami", "echo $(date) `whoami`");
    }

    [Theory]
    [InlineData("X=1 Y=2 env", "env")]
    [InlineData("X=1", new string[0])]
    [InlineData("a[1]=x b+=y ls", "ls")]
    [InlineData("ls X=1", "ls X=1")]
    [InlineData("'X=1' ls", "X=1 ls")]
    [InlineData("2>/dev/null ls -l 1>&2 >>out <in", "ls -l")]
    [InlineData("ls &>/dev/null", "ls")]
    [InlineData("ls &>>log", "ls")]
    [InlineData("{fd}>/tmp/x ls", "ls")]
    [InlineData("ls 2>&-", "ls")]
    [InlineData("echo a2>x", "echo a2")]
    public void Assignments_and_redirections_are_not_part_of_argv(string commandLine, params string[] expected)
    {
        AssertComplete(commandLine, expected);
    }

    [Theory]
    [InlineData("if true; then echo a; else echo b; fi", "true", "echo a", "echo b")]
    [InlineData("for i in 1 2; do echo $i; done", "echo $i")]
    [InlineData("case $x in a|b) echo ab;; (c) echo c;; esac", "echo ab", "echo c")]
    [InlineData("f() { ls; }", "ls")]
    [InlineData("{ ls; pwd; } > out", "ls", "pwd")]
    [InlineData("[[ -f /etc/passwd && $x == y* ]] && echo yes", "echo yes")]
    [InlineData("(( 1 + 2 )) && echo ok", "echo ok")]
    [InlineData("echo if then fi", "echo if then fi")]
    [InlineData("echo {}", "echo {}")]
    [InlineData("echo {a}", "echo {a}")]
    [InlineData("[ -f x ] && ls", "[ -f x ]", "ls")]
    [InlineData("while read -r l; do echo \"$l\"; done < f", "read -r l", "echo $l")]
    public void Reserved_words_are_structure_not_commands(string commandLine, params string[] expected)
    {
        AssertComplete(commandLine, expected);
    }

    [Theory]
    [InlineData("command -v rm", "command -v rm")]
    [InlineData("sudo -l", "sudo -l")]
    [InlineData("sudo -e /etc/hosts", "sudo -e /etc/hosts")]
    [InlineData("ionice -p 42", "ionice -p 42")]
    [InlineData("exec 2>&1", "exec")]
    [InlineData("env", "env")]
    [InlineData("ssh host", "ssh host")]
    [InlineData("trap - EXIT", "trap - EXIT")]
    public void A_wrapper_without_a_command_reports_only_itself(string commandLine, string expected)
    {
        AssertComplete(commandLine, expected);
    }

    [Fact]
    public void Arguments_known_only_at_run_time_are_flagged()
    {
        var result = ShellCommandLine.Parse("rm -rf $DIR; ls | xargs rm; find . -exec rm {} +; rm -rf /tmp/x");
        Assert.True(result.Complete);
        var rms = result.Commands.Where(c => c.Name == "rm").ToArray();
        Assert.Equal([false, false, false, true], rms.Select(c => c.ArgvComplete).ToArray());
    }

    [Fact]
    public void Canonical_text_joins_argv_with_single_spaces_and_the_program_name()
    {
        var command = ShellCommandLine.Parse("/bin/rm   -rf    \"/\"").Commands.Single();
        Assert.Equal(["/bin/rm", "-rf", "/"], command.Argv);
        Assert.Equal("rm", command.Name);
        Assert.Equal("rm -rf /", command.CanonicalText);
    }

    [Fact]
    public void Here_document_bodies_are_not_commands()
    {
        AssertComplete("cat <<EOF > /tmp/x\nrm -rf /\nEOF\necho done", "cat", "echo done");
        AssertComplete("cat <<A; cat <<B\na\nA\nb\nB\nls", "cat", "cat", "ls");
        AssertComplete("x=$(cat <<EOF\nhi\nEOF\n)\nls", "cat", "ls");
    }

    [Fact]
    public void Empty_and_blank_command_lines_have_no_commands()
    {
        AssertComplete("");
        AssertComplete("   \n\t  \n");
    }

    [Fact]
    public void Deep_nesting_is_refused_without_exhausting_the_stack()
    {
        Assert.False(ShellCommandLine.Parse(new string('(', 10000)).Complete);
        Assert.False(ShellCommandLine.Parse(string.Concat(Enumerable.Repeat("$(", 10000))).Complete);
        Assert.False(ShellCommandLine.Parse(string.Concat(Enumerable.Repeat("${", 10000))).Complete);
        Assert.False(ShellCommandLine.Parse(string.Concat(Enumerable.Repeat("<(", 10000))).Complete);
        Assert.False(ShellCommandLine.Parse(string.Concat(Enumerable.Repeat("sudo ", 10000)) + "rm").Complete);
        var nested = string.Concat(Enumerable.Repeat("eval ", 40)) + "rm -rf /";
        Assert.Contains("nest more than", ShellCommandLine.Parse(nested).Incomplete, StringComparison.Ordinal);
    }

    [Fact]
    public void Input_over_the_size_limit_is_refused()
    {
        var result = ShellCommandLine.Parse(new string('a', ShellCommandLine.MaxLength + 1));
        Assert.False(result.Complete);
        Assert.Empty(result.Commands);
    }

    [Fact]
    public void Random_input_never_throws_or_hangs()
    {
        var random = new Random(20240611);
        const string alphabet = "ab rm$(){}[]'\"`\\;&|<>#\n\t=*?!-~,.EOF0123456789";
        for (var n = 0; n < 3000; n++)
        {
            var chars = new char[random.Next(0, 200)];
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = alphabet[random.Next(alphabet.Length)];
            }

            var result = ShellCommandLine.Parse(new string(chars));
            Assert.NotNull(result.Commands);
        }

        var big = new char[1024 * 1024];
        for (var i = 0; i < big.Length; i++)
        {
            big[i] = (char)random.Next(1, 0x3000);
        }

        Assert.False(ShellCommandLine.Parse(new string(big)).Complete);
        var justUnder = new string(big, 0, ShellCommandLine.MaxLength);
        Assert.NotNull(ShellCommandLine.Parse(justUnder).Commands);
    }
}
