namespace Hoop.Gateway;

internal static class Program
{
    public static int Main(string[] args) => GatewayCommandLine.Create().Parse(args).Invoke();
}
