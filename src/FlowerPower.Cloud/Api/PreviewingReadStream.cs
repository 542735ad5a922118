namespace FlowerPower.Cloud.Api;

/// <summary>
/// Passes a response body through to the JSON reader without buffering it whole, keeping its first bytes for an
/// error message, refusing a body larger than a limit, and noting where the body ended (line and column, as the JSON
/// reader counts them) so a JSON error at the very end can be told apart from one in the middle.
/// </summary>
internal sealed class PreviewingReadStream(Stream inner, int previewBytes, long maxBytes) : Stream
{
    // Pooled: every answer passes through here, and most are read without anyone looking at their start.
    private byte[] _preview = System.Buffers.ArrayPool<byte>.Shared.Rent(previewBytes);
    private int _previewLength;
    private long _total;

    public ReadOnlySpan<byte> Preview => _preview.Length == 0 ? default : _preview.AsSpan(0, _previewLength);

    /// <summary>Whether a read found the end of the body.</summary>
    public bool ReachedEnd { get; private set; }

    /// <summary>How many line feeds the body held so far.</summary>
    public long Lines { get; private set; }

    /// <summary>How many bytes came after the last line feed so far.</summary>
    public long BytesInLastLine { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _total;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Record(buffer.AsSpan(offset, inner.Read(buffer, offset, count)));

    public override int Read(Span<byte> buffer) => Record(buffer[..inner.Read(buffer)]);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        return Record(buffer.Span[..read]);
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
            var preview = Interlocked.Exchange(ref _preview, []);
            if (preview.Length > 0)
            {
                // It held the start of an answer, perhaps a token answer: nothing of it goes back to a shared pool.
                System.Buffers.ArrayPool<byte>.Shared.Return(preview, clearArray: true);
            }
        }

        base.Dispose(disposing);
    }

    private int Record(ReadOnlySpan<byte> read)
    {
        if (read.IsEmpty)
        {
            ReachedEnd = true;
            return 0;
        }

        var lastFeed = read.LastIndexOf((byte)'\n');
        if (lastFeed >= 0)
        {
            Lines += read.Count((byte)'\n');
            BytesInLastLine = read.Length - lastFeed - 1;
        }
        else
        {
            BytesInLastLine += read.Length;
        }

        var room = Math.Min(_preview.Length, previewBytes) - _previewLength;
        if (room > 0)
        {
            var copied = Math.Min(room, read.Length);
            read[..copied].CopyTo(_preview.AsSpan(_previewLength));
            _previewLength += copied;
        }

        _total += read.Length;
        if (_total > maxBytes)
        {
            throw new BodyTooLargeException(maxBytes);
        }

        return read.Length;
    }
}
