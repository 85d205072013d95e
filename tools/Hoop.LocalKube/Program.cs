namespace Hoop.LocalKube;

internal static class Program
{
    public static Task<int> Main(string[] args) => LocalKubeCommandLine.Create().Parse(args).InvokeAsync();
}
