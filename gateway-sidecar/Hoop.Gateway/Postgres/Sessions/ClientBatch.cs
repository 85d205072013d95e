using System.Buffers;
using Hoop.Gateway.Postgres.Protocol;

namespace Hoop.Gateway.Postgres.Sessions;

/// <summary>
/// Frontend messages collected up to a Sync, a Flush or a simple Query — the unit the gateway decides on and forwards
/// whole. The messages' bytes are copied once into a pooled buffer; <see cref="Executed"/> lists the SQL they would run.
/// </summary>
internal sealed class ClientBatch : IDisposable
{
    private readonly ArrayPoolBufferWriter _bytes = new();
    private readonly List<ExecutedSql> _executed = [];
    private readonly Queue<(bool Portal, string? Statement)> _describedStatements = new();
    private readonly Queue<string?> _executedStatements = new();

    public IReadOnlyList<ExecutedSql> Executed => _executed;

    public ReadOnlyMemory<byte> Bytes => _bytes.WrittenMemory;

    public bool IsEmpty => _bytes.WrittenCount == 0;

    /// <summary>Whether the batch ends with a Sync or a simple Query, i.e. the server answers it with ReadyForQuery.</summary>
    public bool EndsWithSync { get; private set; }

    /// <summary>Why the batch is refused whatever the policies say (a FunctionCall, a portal of unknown SQL); null when it is judged.</summary>
    public string? Refusal { get; private set; }

    public void Add(PgMessage message) => message.WriteTo(_bytes);

    public void Executes(ExecutedSql sql) => _executed.Add(sql);

    /// <summary>
    /// A Describe of a prepared statement (answered with ParameterDescription, then RowDescription or NoData) or of a
    /// portal of one (answered with RowDescription or NoData): either way the columns are the statement's.
    /// </summary>
    public void Describes(bool portal, string? statement) => _describedStatements.Enqueue((portal, statement));

    /// <summary>An Execute of a portal of prepared statement <paramref name="statement"/> (null when unknown): its rows have that statement's columns.</summary>
    public void ExecutesStatement(string? statement) => _executedStatements.Enqueue(statement);

    /// <summary>Hands the describes and executes, in order, to the unit that will see their answers.</summary>
    public (Queue<(bool Portal, string? Statement)> Described, Queue<string?> Executed) TakeStatements()
    {
        var taken = (new Queue<(bool Portal, string? Statement)>(_describedStatements), new Queue<string?>(_executedStatements));
        _describedStatements.Clear();
        _executedStatements.Clear();
        return taken;
    }

    public void Refuse(string why) => Refusal ??= why;

    /// <summary>The result formats of the batch's last Bind, for reading the rows it returns.</summary>
    public short[]? ResultFormats { get; private set; }

    public void Binds(short[] resultFormats) => ResultFormats = resultFormats;

    public void Ends(bool withSync) => EndsWithSync = withSync;

    public void Clear()
    {
        _bytes.Clear();
        _executed.Clear();
        EndsWithSync = false;
        Refusal = null;
        ResultFormats = null;
        _describedStatements.Clear();
        _executedStatements.Clear();
    }

    public void Dispose() => _bytes.Dispose();

    /// <summary>A growable buffer on the shared array pool, reused across batches.</summary>
    private sealed class ArrayPoolBufferWriter : IBufferWriter<byte>, IDisposable
    {
        private byte[] _buffer = ArrayPool<byte>.Shared.Rent(4096);

        public int WrittenCount { get; private set; }

        public ReadOnlyMemory<byte> WrittenMemory => _buffer.AsMemory(0, WrittenCount);

        public void Advance(int count) => WrittenCount += count;

        public Memory<byte> GetMemory(int sizeHint = 0)
        {
            Ensure(sizeHint);
            return _buffer.AsMemory(WrittenCount);
        }

        public Span<byte> GetSpan(int sizeHint = 0)
        {
            Ensure(sizeHint);
            return _buffer.AsSpan(WrittenCount);
        }

        public void Clear()
        {
            WrittenCount = 0;

            // A huge batch (a big COPY-less insert) should not pin its buffer for the rest of the session.
            if (_buffer.Length > 1 << 20)
            {
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = ArrayPool<byte>.Shared.Rent(4096);
            }
        }

        public void Dispose() => ArrayPool<byte>.Shared.Return(_buffer);

        private void Ensure(int sizeHint)
        {
            var needed = WrittenCount + Math.Max(sizeHint, 1);
            if (needed <= _buffer.Length)
            {
                return;
            }

            var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, _buffer.Length * 2));
            _buffer.AsSpan(0, WrittenCount).CopyTo(bigger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = bigger;
        }
    }
}
