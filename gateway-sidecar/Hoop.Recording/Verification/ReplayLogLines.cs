namespace Hoop.Recording.Verification;

/// <summary>Splits a stream into LF-terminated lines, reusing one buffer; a line is valid until the next call.</summary>
internal sealed class ReplayLogLines(Stream stream, int maxLineLength)
{
    private byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;
    private bool _endOfStream;

    public enum Kind
    {
        Terminated,
        Unterminated,
        TooLong,
        End,
    }

    public Kind Next(out ReadOnlyMemory<byte> line)
    {
        while (true)
        {
            var newline = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                line = _buffer.AsMemory(_start, newline);
                _start += newline + 1;
                return newline > maxLineLength ? Kind.TooLong : Kind.Terminated;
            }

            line = _buffer.AsMemory(_start, _end - _start);
            if (_endOfStream)
            {
                _start = _end;
                return line.IsEmpty ? Kind.End : Kind.Unterminated;
            }

            if (_end - _start > maxLineLength)
            {
                return Kind.TooLong;
            }

            Fill();
        }
    }

    private void Fill()
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        var read = stream.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0)
        {
            _endOfStream = true;
        }

        _end += read;
    }
}
