namespace Hoop.LocalKube;

internal static class Program
{
    public static int Main(string[] args) => LocalKubeCommandLine.Create().Parse(args).Invoke();
}
