using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Hoop.Gateway.Tests.Authentication;

/// <summary>Keeps every formatted log line, so tests can check that no token ever reaches the log.</summary>
internal sealed class RecordingLogger : ILogger
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyCollection<string> Lines => _lines;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        _lines.Enqueue($"{logLevel}: {formatter(state, exception)} {exception}");

    public void AssertNothingContains(string token) =>
        Assert.DoesNotContain(_lines, line => line.Contains(token, StringComparison.Ordinal));
}
