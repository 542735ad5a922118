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

    /// <summary>Runs the command <paramref name="args"/> names.</summary>
    /// <param name="args">The command line.</param>
    /// <param name="output">Where results go.</param>
    /// <param name="error">Where the one line about a failure goes, and warnings.</param>
    /// <param name="stopping">Stops the command (Ctrl+C).</param>
    /// <param name="input">Where <c>--password-stdin</c> and <c>--secret-stdin</c> read from; the console's input when null.</param>
    /// <returns>0 when done, 1 when it cannot be done, 2 for a bad argument.</returns>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken stopping, TextReader? input = null)
    {
        input ??= Console.In;
        var database = new DatabaseOptions();
        var root = new RootCommand("A Flower Power cloud to host yourself: the cloud's API over SQLite or PostgreSQL.") { HelpName = Name };
        root.Options.Add(database.Sqlite);
        root.Options.Add(database.Postgres);

        var serving = new ServeOptions();
        var serve = new Command("serve", "serves the cloud's API (the default command)");
        serving.AddTo(serve);
        Func<ParseResult, CancellationToken, Task<int>> serveAction = (result, ct) => ServeAsync(database, result, serving, output, error, ct);
        serve.SetAction(serveAction);
        serving.AddTo(root);
        root.SetAction(serveAction);
        root.Subcommands.Add(serve);

        var email = new Argument<string>("EMAIL") { Description = "the user's email, their user name" };
        var password = new SecretOptions("password", "the user's password (8 characters or more)");
        var timeZone = new Option<string>("--time-zone") { Description = "the user's time zone", DefaultValueFactory = _ => "UTC" };
        var addUser = new Command("add", "adds a user") { email, timeZone };
        password.AddTo(addUser);
        addUser.SetAction((result, ct) => AdminAsync(database, result, output, error, async (db, time) =>
        {
            await new AccountAdmin(db, time).AddUserAsync(result.GetValue(email)!, await password.ReadAsync(result, input), result.GetValue(timeZone)!, ct);
            await Warn(error, password.Warning(result));
            return $"added user {AccountAdmin.Normalize(result.GetValue(email)!)}";
        }, ct));
        root.Subcommands.Add(new Command("users", "manages users") { addUser });

        var clientId = new Argument<string>("CLIENT_ID") { Description = "the client id apps sign in with" };
        var secret = new SecretOptions("secret", "the client secret (8 characters or more)");
        var addClient = new Command("add", "adds a client: the keys an app signs in with") { clientId };
        secret.AddTo(addClient);
        addClient.SetAction((result, ct) => AdminAsync(database, result, output, error, async (db, time) =>
        {
            await new AccountAdmin(db, time).AddClientAsync(result.GetValue(clientId)!, await secret.ReadAsync(result, input), ct);
            await Warn(error, secret.Warning(result));
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

        var keep = ServeOptions.KeepUploadsOption();
        var prune = new Command("prune", "removes upload bodies kept longer than --keep-uploads days (their samples stay)") { keep };
        prune.SetAction((result, ct) => AdminAsync(database, result, output, error, async (db, time) =>
        {
            var days = result.GetValue(keep);
            var removed = days == 0 ? 0 : await new UploadRetention(db, time).PruneAsync(TimeSpan.FromDays(days), ct);
            return $"removed {removed} upload bodies older than {days} days";
        }, ct));
        root.Subcommands.Add(new Command("uploads", "manages the upload bodies kept as received") { prune });

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
        DatabaseOptions databaseOptions, ParseResult result, ServeOptions serving, TextWriter output, TextWriter error, CancellationToken stopping)
    {
        var options = serving.Read(result);
        if (options.TokenLifetime < TimeSpan.FromSeconds(1))
        {
            await error.WriteLineAsync($"{Name}: --token-lifetime must be at least 1 second");
            return 2;
        }

        if (options.Problem() is { } problem)
        {
            await error.WriteLineAsync($"{Name}: {problem}");
            return 2;
        }

        await using var database = databaseOptions.Open(result);
        CloudServer server;
        try
        {
            server = await CloudServer.StartAsync(database, options, cancellationToken: stopping);
        }
        catch (Exception exception) when (exception is System.Security.Cryptography.CryptographicException or FileNotFoundException or DirectoryNotFoundException)
        {
            await error.WriteLineAsync($"{Name}: cannot use the certificate {options.CertificatePath}: {FirstLine(exception)}");
            return 2;
        }
        catch (Exception exception) when (exception is IOException or SocketException or FormatException or InvalidOperationException or UriFormatException)
        {
            await error.WriteLineAsync($"{Name}: cannot listen on {options.Urls}: {FirstLine(exception)}");
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

    private static async Task Warn(TextWriter error, string? warning)
    {
        if (warning is not null)
        {
            await error.WriteLineAsync($"{Name}: {warning}");
        }
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
