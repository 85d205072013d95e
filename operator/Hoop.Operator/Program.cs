namespace Hoop.Operator;

internal static class Program
{
    public static int Main(string[] args) => OperatorCommandLine.Create().Parse(args).Invoke();
}
