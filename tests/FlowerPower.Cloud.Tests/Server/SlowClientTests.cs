using System.Net;
using System.Net.Sockets;
using System.Text;
using FlowerPower.Cloud.Server.Hosting;
using FlowerPower.Cloud.Server.Storage;
using FlowerPower.Cloud.Tests.TestSupport;
using FlowerPower.Cloud.Wire;

namespace FlowerPower.Cloud.Tests.Server;

/// <summary>
/// A client that sends slowly holds nothing of the database: the request's connection goes back to the pool before
/// the body is read, so uploads that trickle in (here: announced and never sent) cannot starve everyone else of
/// connections; and a body that takes longer than its endpoint allows is answered 408.
/// </summary>
public sealed class SlowClientTests
{
    private const int Pool = 3;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Uploads_waiting_for_their_bodies_leave_the_pool_to_the_garden_readers_and_time_out_with_408()
    {
        await using var session = await ServerSession.StartAsync(TestDatabase.Postgres);
        await using var small = new PostgresCloudDatabase(session.Database.ConnectionString + $";Maximum Pool Size={Pool};Timeout=5");
        await using var server = await CloudServer.StartAsync(
            small, new ServerOptions { Urls = "http://127.0.0.1:0", Web = false, Limits = new CloudLimits { BodyReadTime = TimeSpan.FromSeconds(3) } }, cancellationToken: Ct);
        using var http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        using var signIn = await http.PostAsync("user/v1/authenticate", new FormUrlEncodedContent(ServerSession.PasswordForm()), Ct);
        var token = System.Text.Json.JsonDocument.Parse(await signIn.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("access_token").GetString()!;
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);

        // Twice as many uploads as the pool has connections, each authenticated and waiting for its body: the server
        // says "100 Continue" only once the endpoint reads the body, past the bearer check's database call.
        var slow = new List<(TcpClient Tcp, NetworkStream Stream)>();
        try
        {
            for (var i = 0; i < 2 * Pool; i++)
            {
                var tcp = new TcpClient();
                await tcp.ConnectAsync(server.BaseAddress.Host, server.BaseAddress.Port, Ct);
                var stream = tcp.GetStream();
                slow.Add((tcp, stream));
                await stream.WriteAsync(Encoding.ASCII.GetBytes(
                    $"PUT /sensor_data/v8/sample HTTP/1.1\r\nHost: {server.BaseAddress.Authority}\r\nAuthorization: Bearer {token}\r\n" +
                    "Content-Type: application/json\r\nContent-Length: 100000\r\nExpect: 100-continue\r\n\r\n"), Ct);
                Assert.StartsWith("HTTP/1.1 100", await HeadAsync(stream), StringComparison.Ordinal);
            }

            using var garden = await http.GetAsync("garden/v1/status", Ct);
            using var versions = await http.GetAsync("user/v1/versions", Ct);
            var timedOut = await HeadAsync(slow[0].Stream);

            Assert.Equal(HttpStatusCode.OK, garden.StatusCode);
            Assert.Equal(HttpStatusCode.OK, versions.StatusCode);
            Assert.StartsWith("HTTP/1.1 408", timedOut, StringComparison.Ordinal);
        }
        finally
        {
            slow.ForEach(s => s.Tcp.Dispose());
        }
    }

    /// <summary>The next status line and headers on <paramref name="stream"/>, within 20 seconds.</summary>
    private static async Task<string> HeadAsync(NetworkStream stream)
    {
        var received = new StringBuilder();
        var one = new byte[1];
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        deadline.CancelAfter(TimeSpan.FromSeconds(20));
        while (!received.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (await stream.ReadAsync(one, deadline.Token) == 0)
            {
                break;
            }

            received.Append((char)one[0]);
        }

        return received.ToString();
    }
}
