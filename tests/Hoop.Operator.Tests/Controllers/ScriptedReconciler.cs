using System.Collections.Concurrent;
using Hoop.Kube.Informers;
using Hoop.Operator.Controllers;

namespace Hoop.Operator.Tests.Controllers;

/// <summary>A reconciler whose every call runs <paramref name="script"/> (given the call's number, from 1) and is recorded.</summary>
internal sealed class ScriptedReconciler(Func<int, ObjectKey, CancellationToken, Task<ReconcileResult>> script) : IReconciler
{
    private int _calls;

    public string Kind => "Connection";

    public ConcurrentQueue<ObjectKey> Keys { get; } = new();

    public int Calls => Volatile.Read(ref _calls);

    public Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        Keys.Enqueue(key);
        return script(Interlocked.Increment(ref _calls), key, cancellationToken);
    }
}
