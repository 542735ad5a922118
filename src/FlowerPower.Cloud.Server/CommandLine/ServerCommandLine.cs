using System.CommandLine;
using System.Net.Sockets;
using FlowerPower.Cloud.Server.Accounts;
using FlowerPower.Cloud.Server.Hosting;
using FlowerPower.Cloud.Server.Import;
using FlowerPower.Cloud.Server.Storage;

namespace FlowerPower.Cloud.Server.CommandLine;

/// <summary>
/// The server as a program with several commands: <c>serve</c> (also what runs with no command), and the
/// administration commands <c>users add</c>, <c>clients add</c>, <c>locations add</c>, <c>import csv-dump</c> and
/// <c>import romi-json</c>, all
/// over the same <c>--database</c>/<c>--postgres</c>. A bad argument ends it with one line on stderr and exit code 2;
/// a command that cannot be done (a user that exists already) with one line and exit code 1.
/// </summary>
internal static class ServerCommandLine
{
    private const string Name = "flowerpower-server";

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken stopping)
    {
        var database = new DatabaseOptions();
        var root = new RootCommand("A Flower Power cloud to host yourself: the cloud's API over SQLite or PostgreSQL.") { HelpName = Name };
        root.Options.Add(database.Sqlite);
        root.Options.Add(database.Postgres);

        var urls = new Option<string>("--urls") { Description = "where to listen", DefaultValueFactory = _ => "http://127.0.0.1:5090" };
        var lifetime = new Option<int>("--token-lifetime") { Description = "how long an access token lives, in seconds", DefaultValueFactory = _ => 172800 };
        var serve = new Command("serve", "serves the cloud's API (the default command)") { urls, lifetime };
        Func<ParseResult, CancellationToken, Task<int>> serveAction = (result, ct) => ServeAsync(database, result, result.GetValue(urls)!, result.GetValue(lifetime), output, error, ct);
        serve.SetAction(serveAction);
        root.Options.Add(urls);
        root.Options.Add(lifetime);
        root.SetAction(serveAction);
        root.Subcommands.Add(serve);

        var email = new Argument<string>("EMAIL") { Description = "the user's email, their user name" };
        var password = new Option<string>("--password") { Description = "the user's password (8 characters or more)", Required = true };
        var timeZone = new Option<string>("--time-zone") { Description = "the user's time zone", DefaultValueFactory = _ => "UTC" };
        var addUser = new Command("add", "adds a user") { email, password, timeZone };
        addUser.SetAction((result, ct) => AdminAsync(database, result, output, error, async (db, time) =>
        {
            await new AccountAdmin(db, time).AddUserAsync(result.GetValue(email)!, result.GetValue(password)!, result.GetValue(timeZone)!, ct);
            return $"added user {AccountAdmin.Normalize(result.GetValue(email)!)}";
        }, ct));
        root.Subcommands.Add(new Command("users", "manages users") { addUser });

        var clientId = new Argument<string>("CLIENT_ID") { Description = "the client id apps sign in with" };
        var secret = new Option<string>("--secret") { Description = "the client secret (8 characters or more)", Required = true };
        var addClient = new Command("add", "adds a client: the keys an app signs in with") { clientId, secret };
        addClient.SetAction((result, ct) => AdminAsync(database, result, output, error, async (db, time) =>
        {
            await new AccountAdmin(db, time).AddClientAsync(result.GetValue(clientId)!, result.GetValue(secret)!, ct);
            return $"added client {result.GetValue(clientId)}";
        }, ct));
        root.Subcommands.Add(new Command("clients", "manages client keys") { addClient });

        var user = new Option<string>("--user") { Description = "the user whose garden it is", Required = true };
        var nickname = new Option<string>("--nickname") { Description = "the plant's name", Required = true };
        var sensor = new Option<string?>("--sensor") { Description = "the serial of the sensor in it, for example PI040307AD5G200185" };
        var plant = new Option<long?>("--plant-id") { Description = "the plant's id in Parrot's plant database" };
        var outdoor = new Option<bool>("--outdoor") { Description = "the location is outdoors" };
        var calibration = new Option<string?>("--calibration-data") { Description = "the sensor's calibration_data from the cloud's configuration, kept for converting raw readings" };
        var addLocation = new Command("add", "adds a location to a user's garden") { user, nickname, sensor, plant, outdoor, calibration };
        addLocation.SetAction((result, ct) => AdminAsync(database, result, output, error, async (db, time) =>
        {
            var identifier = await new AccountAdmin(db, time).AddLocationAsync(
                result.GetValue(user)!, result.GetValue(nickname)!, result.GetValue(sensor), result.GetValue(plant), !result.GetValue(outdoor), ct, result.GetValue(calibration));
            return $"added location {identifier}";
        }, ct));
        root.Subcommands.Add(new Command("locations", "manages gardens") { addLocation });

        var folder = new Argument<string>("FOLDER") { Description = "the folder of CSV-Dump files, one <sensor_identifier>.csv per sensor" };
        var owner = new Option<string>("--user") { Description = "the user whose garden receives the history", Required = true };
        var csvDump = new Command("csv-dump", "imports the files Parrot's CSV-Dump tool saved") { folder, owner };
        csvDump.SetAction((result, ct) => AdminAsync(database, result, output, error, async (db, time) =>
            Reported(await new CsvDumpImporter(db, time).ImportAsync(result.GetValue(folder)!, result.GetValue(owner)!, output, ct), error), ct));

        var romiFile = new Argument<string>("FILE") { Description = "the JSON file ROMI's flower-power-history tool saved for one sensor" };
        var romiOwner = new Option<string>("--user") { Description = "the user whose garden receives the history", Required = true };
        var romiSensor = new Option<string>("--sensor") { Description = "the sensor's serial, for example PI040307AD5G200185 (the file names only its Bluetooth address)", Required = true };
        var romiJson = new Command("romi-json", "imports a sensor's history downloaded over Bluetooth by ROMI's flower-power-history tool") { romiFile, romiOwner, romiSensor };
        romiJson.SetAction((result, ct) => AdminAsync(database, result, output, error, async (db, time) =>
            Reported(
                await new RomiHistoryImporter(db, time).ImportAsync(result.GetValue(romiFile)!, result.GetValue(romiOwner)!, result.GetValue(romiSensor)!, output, ct),
                error),
            ct));
        root.Subcommands.Add(new Command("import", "imports saved histories") { csvDump, romiJson });

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            // "users foo" also reports that users needs a command; the word the user typed wrong says more.
            var first = parsed.Errors.FirstOrDefault(e => e.Message.StartsWith("Unrecognized", StringComparison.Ordinal)) ?? parsed.Errors[0];
            await error.WriteLineAsync($"{Name}: {first.Message} (see --help)");
            return 2;
        }

        return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, stopping);
    }

    private static async Task<int> ServeAsync(
        DatabaseOptions databaseOptions, ParseResult result, string urls, int tokenLifetime, TextWriter output, TextWriter error, CancellationToken stopping)
    {
        if (tokenLifetime < 1)
        {
            await error.WriteLineAsync($"{Name}: --token-lifetime must be at least 1 second");
            return 2;
        }

        await using var database = databaseOptions.Open(result);
        CloudServer server;
        try
        {
            server = await CloudServer.StartAsync(database, urls, TimeSpan.FromSeconds(tokenLifetime), cancellationToken: stopping);
        }
        catch (Exception exception) when (exception is IOException or SocketException or FormatException or InvalidOperationException or UriFormatException)
        {
            await error.WriteLineAsync($"{Name}: cannot listen on {urls}: {FirstLine(exception)}");
            return 2;
        }
        catch (Exception exception) when (IsDatabaseFailure(exception))
        {
            await error.WriteLineAsync($"{Name}: cannot use {database.Description}: {FirstLine(exception)}");
            return 1;
        }

        await using (server)
        {
            await output.WriteLineAsync($"Flower Power cloud server listening on {server.BaseAddress} ({database.Description})");
            await output.WriteLineAsync("Press Ctrl+C to stop.");
            await output.FlushAsync(stopping);
            try
            {
                await server.WaitForShutdownAsync(stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
            }
        }

        return 0;
    }

    private static async Task<int> AdminAsync(
        DatabaseOptions databaseOptions, ParseResult result, TextWriter output, TextWriter error,
        Func<CloudDatabase, TimeProvider, Task<string>> command, CancellationToken cancellationToken)
    {
        await using var database = databaseOptions.Open(result);
        try
        {
            await database.MigrateAsync(cancellationToken);
            await output.WriteLineAsync(await command(database, TimeProvider.System));
            return 0;
        }
        catch (AdminException exception)
        {
            await error.WriteLineAsync($"{Name}: {exception.Message}");
            return exception.IsBadArgument ? 2 : 1;
        }
        catch (Exception exception) when (IsDatabaseFailure(exception))
        {
            await error.WriteLineAsync($"{Name}: cannot use {database.Description}: {FirstLine(exception)}");
            return 1;
        }
    }

    /// <summary>Writes an import's problems, one a line; its summary, or the summary as the failure when a file was refused.</summary>
    private static string Reported(ImportReport report, TextWriter error)
    {
        foreach (var problem in report.Problems)
        {
            error.WriteLine(problem.ToString());
        }

        return report.FilesRefused > 0 ? throw new AdminException(report.Summary) : report.Summary;
    }

    private static bool IsDatabaseFailure(Exception exception) =>
        exception is System.Data.Common.DbException or ArgumentException or IOException or UnauthorizedAccessException or TimeoutException;

    private static string FirstLine(Exception exception)
    {
        var message = (exception.InnerException is IOException inner ? inner : exception).Message;
        var end = message.IndexOfAny(['\r', '\n']);
        return (end >= 0 ? message[..end] : message).TrimEnd('.');
    }
}
