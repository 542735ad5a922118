namespace FlowerPower.Cloud.Api;

/// <summary>
/// Passes a response body through to the JSON reader without buffering it whole, keeping its first bytes for an
/// error message and refusing a body larger than a limit.
/// </summary>
internal sealed class PreviewingReadStream(Stream inner, int previewBytes, long maxBytes) : Stream
{
    private readonly byte[] _preview = new byte[previewBytes];
    private int _previewLength;
    private long _total;

    public ReadOnlySpan<byte> Preview => _preview.AsSpan(0, _previewLength);

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
        }

        base.Dispose(disposing);
    }

    private int Record(ReadOnlySpan<byte> read)
    {
        var room = _preview.Length - _previewLength;
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
