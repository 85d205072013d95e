namespace Hoop.Operator;

internal static class Program
{
    public static Task<int> Main(string[] args) => OperatorCommandLine.Create().Parse(args).InvokeAsync();
}
