namespace Hoop.Kubectl;

internal static class Program
{
    public static int Main(string[] args) => KubectlHoopCommandLine.Create().Parse(args).Invoke();
}
