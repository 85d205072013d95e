using Microsoft.Extensions.Logging;

namespace Hoop.Gateway.Tests.EndToEnd;

/// <summary>The gateway's and the operator's log lines during a test, kept in memory; a failing test prints them.</summary>
internal sealed class TestLog : ILoggerProvider
{
    private readonly List<string> _lines = [];

    public ILoggerFactory Factory => LoggerFactory.Create(logging => logging.AddProvider(this).SetMinimumLevel(LogLevel.Debug));

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(TestLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var line = $"{DateTime.UtcNow:HH:mm:ss.fff} {logLevel} {category}: {formatter(state, exception)}{(exception is null ? "" : " " + exception)}";
            lock (log._lines)
            {
                log._lines.Add(line);
            }
        }
    }
}
