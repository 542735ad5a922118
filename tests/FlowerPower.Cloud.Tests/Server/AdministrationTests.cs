using FlowerPower.Cloud.Server.CommandLine;
using FlowerPower.Cloud.Tests.TestSupport;

namespace FlowerPower.Cloud.Tests.Server;

/// <summary>
/// An owner operates the server from its command line alone, on both databases: users, clients, tokens and locations
/// listed and removed, a password changed, and every command recorded in the audit log without its secrets.
/// </summary>
public sealed class AdministrationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task Users_clients_tokens_and_locations_are_listed_and_removed_and_a_password_changed(string kind)
    {
        await using var session = await ServerSession.StartAsync(kind);
        var logs = new CapturingLoggerFactory();
        async Task<(int Exit, string Output, string Error)> Run(string args, string? stdin = null)
        {
            var output = new StringWriter();
            var error = new StringWriter();
            var exit = await ServerCommandLine.RunAsync([.. session.Database.Arguments, .. args.Split(' ')], output, error, Ct, new StringReader(stdin ?? string.Empty), logs);
            return (exit, output.ToString(), error.ToString());
        }

        using var alice = new FlowerPowerClient(session.Options());
        await alice.GetProfileAsync(Ct);
        var users = await Run("users list");
        var clients = await Run("clients list");
        var locations = await Run($"locations list --user {ServerSession.Alice}");
        var revoked = await Run($"tokens revoke --user {ServerSession.Alice}");
        var passwd = await Run($"users passwd {ServerSession.Alice} --password-stdin", "new-garden-password\n");
        using var oldPassword = new FlowerPowerClient(session.Options());
        var refused = await Assert.ThrowsAsync<FlowerPowerAuthenticationException>(() => oldPassword.GetProfileAsync(Ct));
        var changed = session.Options();
        changed.Password = "new-garden-password";
        using var newPassword = new FlowerPowerClient(changed);
        var profile = await newPassword.GetProfileAsync(Ct);
        var removeLocation = await Run($"locations remove {session.AliceLocation} --user {ServerSession.Alice}");
        var gardenAfterRemoval = await newPassword.GetGardenConfigurationAsync(Ct);
        var withoutYes = await Run($"users remove {ServerSession.Bob}");
        var removeUser = await Run($"users remove {ServerSession.Bob} --yes");
        var removeClient = await Run($"clients remove {ServerSession.ClientId}");
        var afterwards = await Run("users list");

        Assert.Equal(0, users.Exit);
        Assert.Contains($"{ServerSession.Alice}  Europe/Budapest  1 location(s)", users.Output, StringComparison.Ordinal);
        Assert.Contains(ServerSession.Bob, users.Output, StringComparison.Ordinal);
        Assert.Contains(ServerSession.ClientId, clients.Output, StringComparison.Ordinal);
        Assert.Contains($"{session.AliceLocation}  Basil  {ServerSession.AliceSensor}", locations.Output, StringComparison.Ordinal);
        Assert.Matches("revoked [1-9][0-9]* token", revoked.Output);
        Assert.Equal(0, passwd.Exit);
        Assert.Contains("invalid_grant", refused.OAuthError ?? refused.Message, StringComparison.Ordinal);
        Assert.Equal(ServerSession.Alice, profile.UserProfile!.Email);
        Assert.Equal(0, removeLocation.Exit);
        Assert.Empty(gardenAfterRemoval.Locations);
        Assert.Equal(2, withoutYes.Exit);
        Assert.Contains("add --yes", withoutYes.Error, StringComparison.Ordinal);
        Assert.Equal(0, removeUser.Exit);
        Assert.Equal(0, removeClient.Exit);
        Assert.DoesNotContain(ServerSession.Bob, afterwards.Output, StringComparison.Ordinal);

        var audit = logs.AllText;
        Assert.Contains("users passwd", audit, StringComparison.Ordinal);
        Assert.Contains("users remove", audit, StringComparison.Ordinal);
        Assert.Contains("tokens revoke", audit, StringComparison.Ordinal);
        Assert.DoesNotContain("new-garden-password", audit, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("users remove nobody@example.invalid --yes", 1, "there is no user nobody@example.invalid")]
    [InlineData("clients remove nobody", 1, "there is no client nobody")]
    [InlineData("locations remove L1 --user alice@example.invalid", 1, "has no location L1")]
    [InlineData("tokens revoke", 2, "Option '--user' is required")]
    [InlineData("users passwd alice@example.invalid", 2, "give the password with --password-stdin")]
    [InlineData("backup", 2, "Required argument 'FILE' missing")]
    [InlineData("serve --log-format xml", 2, "xml")]
    public async Task A_command_that_cannot_be_done_or_is_given_wrong_is_one_line_with_its_exit_code(string args, int code, string expected)
    {
        await using var session = await ServerSession.StartAsync(TestDatabase.Sqlite);
        var error = new StringWriter();

        var exit = await ServerCommandLine.RunAsync(
            [.. session.Database.Arguments, .. args.Split(' ')], TextWriter.Null, error, Ct, new StringReader(string.Empty), new CapturingLoggerFactory());

        Assert.Equal(code, exit);
        Assert.Contains(expected, Assert.Single(error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("users list --help", "lists the users")]
    [InlineData("users remove --help", "--yes")]
    [InlineData("tokens revoke --help", "--user")]
    [InlineData("locations remove --help", "LOCATION")]
    [InlineData("backup --help", "pg_dump")]
    [InlineData("uploads prune --help", "--keep-uploads")]
    [InlineData("serve --help", "--certificate-key")]
    public async Task Every_command_answers_help(string args, string expected)
    {
        var output = new StringWriter();

        var exit = await ServerCommandLine.RunAsync(args.Split(' '), output, TextWriter.Null, Ct);

        Assert.Equal(0, exit);
        Assert.Contains(expected, output.ToString(), StringComparison.Ordinal);
    }
}
