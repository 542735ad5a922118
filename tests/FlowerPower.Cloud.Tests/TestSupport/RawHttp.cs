using System.Net.Sockets;
using System.Text;

namespace FlowerPower.Cloud.Tests.TestSupport;

/// <summary>
/// A request written by hand on a socket, for what HttpClient cannot show: a server that answers before the body is
/// sent (HttpClient reports the closed connection instead of the answer). Sends the head and the first part of the
/// body, then reads the status line and headers.
/// </summary>
internal static class RawHttp
{
    public static async Task<(int Status, string Head)> SendAsync(Uri server, string method, string path, IReadOnlyDictionary<string, string> headers, byte[] bodyStart, CancellationToken cancellationToken)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(server.Host, server.Port, cancellationToken);
        await using var stream = tcp.GetStream();
        var head = new StringBuilder($"{method} /{path} HTTP/1.1\r\nHost: {server.Host}:{server.Port}\r\n");
        foreach (var (name, value) in headers)
        {
            head.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.Append("\r\n").ToString()), cancellationToken);
        try
        {
            await stream.WriteAsync(bodyStart, cancellationToken);
        }
        catch (IOException)
        {
            // The server may close as soon as it has answered; the answer is still there to read.
        }

        var received = new StringBuilder();
        var buffer = new byte[4096];
        while (!received.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer, cancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
            if (read == 0)
            {
                break;
            }

            received.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        var text = received.ToString();
        var status = text.StartsWith("HTTP/1.1 ", StringComparison.Ordinal) ? int.Parse(text.AsSpan(9, 3), System.Globalization.CultureInfo.InvariantCulture) : 0;
        return (status, text);
    }
}
