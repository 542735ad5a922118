using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;

namespace FlowerPower.Cloud.Tests.TestSupport;

/// <summary>
/// Answers the token endpoint and resource requests from delegates, in memory, decoding a labelled
/// <c>Content-Encoding</c> the way <see cref="SocketsHttpHandler"/>'s automatic decompression does: fast enough for
/// thousands of generated answers a second.
/// </summary>
internal sealed class InMemoryCloud(Func<HttpRequestMessage, HttpResponseMessage> token, Func<HttpRequestMessage, HttpResponseMessage> resource)
    : HttpMessageHandler
{
    private int _tokenRequests;

    public int TokenRequests => Volatile.Read(ref _tokenRequests);

    public static HttpResponseMessage Answer(HttpStatusCode status, byte[] body, string? mediaType = "application/json", string? contentEncoding = null)
    {
        HttpContent content = contentEncoding is null ? new ByteArrayContent(body) : new DecodingContent(body, contentEncoding);
        if (mediaType is not null)
        {
            content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        }

        if (contentEncoding is not null)
        {
            content.Headers.ContentEncoding.Add(contentEncoding);
        }

        return new HttpResponseMessage(status) { Content = content };
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri!.AbsolutePath.EndsWith("/authenticate", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _tokenRequests);
            return Task.FromResult(token(request));
        }

        return Task.FromResult(resource(request));
    }

    /// <summary>A body that is decoded as it is read, as the runtime's decompression does it.</summary>
    private sealed class DecodingContent(byte[] body, string encoding) : HttpContent
    {
        protected override Task<Stream> CreateContentReadStreamAsync() => Task.FromResult(Decoder(new MemoryStream(body)));

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => Decoder(new MemoryStream(body)).CopyToAsync(stream);

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }

        private Stream Decoder(Stream raw) => encoding switch
        {
            "gzip" => new GZipStream(raw, CompressionMode.Decompress),
            "deflate" => new ZLibStream(raw, CompressionMode.Decompress),
            "br" => new BrotliStream(raw, CompressionMode.Decompress),
            _ => raw,
        };
    }
}
