namespace Hoop.Testing.Processes;

/// <summary>A server could not bind its port because another process took it in the meantime; retry on another.</summary>
public sealed class PortInUseException(string log) : Exception($"the port was taken by another process:\n{log}");
