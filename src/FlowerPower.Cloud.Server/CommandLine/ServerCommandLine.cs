using System.CommandLine;
using System.Globalization;
using System.Net.Sockets;
using FlowerPower.Cloud.Server.Administration;
using FlowerPower.Cloud.Server.Hosting;
using FlowerPower.Cloud.Server.Import;
using FlowerPower.Cloud.Server.Storage;
using FlowerPower.Cloud.Wire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FlowerPower.Cloud.Server.CommandLine;

/// <summary>
/// The server as a program with several commands: <c>serve</c> (also what runs with no command), and the
/// administration commands (<c>users</c>, <c>clients</c>, <c>tokens</c>, <c>locations</c>, <c>import</c>,
/// <c>uploads</c>, <c>backup</c>), all
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
    /// <param name="loggerFactory">Where the logs go; the console, as <c>--log-format</c> says, when null.</param>
    /// <returns>0 when done, 1 when it cannot be done, 2 for a bad argument.</returns>
    public static async Task<int> RunAsync(
        string[] args, TextWriter output, TextWriter error, CancellationToken stopping, TextReader? input = null, ILoggerFactory? loggerFactory = null)
    {
        // Every word of the server is English and goes to logs, the wire or the database: it runs in the invariant
        // culture (the parser's messages included), whatever the machine's.
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
        input ??= Console.In;
        ILoggerFactory logs = NullLoggerFactory.Instance;
        var database = new DatabaseOptions();
        var root = new RootCommand("A Flower Power cloud to host yourself: the cloud's API over SQLite or PostgreSQL.") { HelpName = Name };
        root.Options.Add(database.Sqlite);
        root.Options.Add(database.Postgres);
        var logFormat = new Option<string>("--log-format") { Description = "how logs are written", DefaultValueFactory = _ => "text", Recursive = true };
        logFormat.AcceptOnlyFromAmong(ServerLogs.Formats);
        root.Options.Add(logFormat);
        var config = new Option<string?>("--config")
        {
            Description = $"a JSON file of settings named like the flags (keep_uploads, postgres, ...); {ServerSettings.Prefix}* environment variables and flags win over it",
            Recursive = true,
        };
        root.Options.Add(config);

        var serving = new ServeOptions();
        var serve = new Command("serve", "serves the cloud's API (the default command)");
        serving.AddTo(serve);
        Func<ParseResult, CancellationToken, Task<int>> serveAction = (result, ct) => ServeAsync(database, result, serving, output, error, logs, ct);
        serve.SetAction(serveAction);
        serving.AddTo(root);
        root.SetAction(serveAction);
        root.Subcommands.Add(serve);

        var email = new Argument<string>("EMAIL") { Description = "the user's email, their user name" };
        var password = new SecretOptions("password", "the user's password (8 characters or more)");
        var timeZone = new Option<string>("--time-zone") { Description = "the user's time zone, an IANA name like Europe/Budapest ('users set' changes it)", DefaultValueFactory = _ => "UTC" };
        var addUser = new Command("add", "adds a user") { email, timeZone };
        password.AddTo(addUser);
        addUser.SetAction((result, ct) => AdminAsync(database, result, output, error, logs, async (db, time) =>
        {
            await new AccountAdmin(db, time).AddUserAsync(result.GetValue(email)!, await password.ReadAsync(result, input), result.GetValue(timeZone)!, ct);
            await Warn(error, password.Warning(result));
            return $"added user {AccountAdmin.Normalize(result.GetValue(email)!)}";
        }, ct));
        var listUsers = new Command("list", "lists the users: email, time zone, locations, samples");
        listUsers.SetAction((result, ct) => AdminAsync(database, result, output, error, logs, async (db, time) => Lines(await new AccountAdmin(db, time).ListUsersAsync(ct), "no users"), ct));
        var passwdEmail = new Argument<string>("EMAIL") { Description = "the user" };
        var newPassword = new SecretOptions("password", "the new password (8 characters or more)");
        var passwd = new Command("passwd", "sets a user's password and signs the user out everywhere") { passwdEmail };
        newPassword.AddTo(passwd);
        passwd.SetAction((result, ct) => AdminAsync(database, result, output, error, logs, async (db, time) =>
        {
            await new AccountAdmin(db, time).SetPasswordAsync(result.GetValue(passwdEmail)!, await newPassword.ReadAsync(result, input), ct);
            await Warn(error, newPassword.Warning(result));
            return $"set the password of {AccountAdmin.Normalize(result.GetValue(passwdEmail)!)}; every device signs in again";
        }, ct));
        var removeEmail = new Argument<string>("EMAIL") { Description = "the user" };
        var removeUserYes = new Option<bool>("--yes") { Description = "confirms: the user's locations, samples and tokens are deleted for good" };
        var removeUser = new Command("remove", "removes a user with their locations, samples and tokens") { removeEmail, removeUserYes };
        removeUser.SetAction((result, ct) => AdminAsync(database, result, output, error, logs, async (db, time) =>
        {
            var admin = new AccountAdmin(db, time);
            var email = AccountAdmin.Normalize(result.GetValue(removeEmail)!);
            var (locations, samples) = await admin.UserFootprintAsync(email, ct);
            if (!result.GetValue(removeUserYes))
            {
                throw new AdminException($"removing {email} deletes {locations} location(s) and {samples} samples for good: add --yes", isBadArgument: true);
            }

            await admin.RemoveUserAsync(email, ct);
            return $"removed user {email}, {locations} location(s) and {samples} samples";
        }, ct));
        var setEmail = new Argument<string>("EMAIL") { Description = "the user" };
        var setTimeZone = new Option<string?>("--time-zone") { Description = "the user's time zone, an IANA name like Europe/Budapest, or UTC" };
        var setTemperature = new Option<string?>("--temperature") { Description = "the unit temperatures are shown in" };
        setTemperature.AcceptOnlyFromAmong("celsius", "fahrenheit");
        var setLight = new Option<string?>("--light") { Description = "the unit light is shown in: lux, mol (mol/m²/day) or ftc (foot-candles)" };
        setLight.AcceptOnlyFromAmong(AccountAdmin.LightUnits);
        var setUser = new Command("set", "changes a user's time zone and units; their apps, web garden and Home Assistant follow") { setEmail, setTimeZone, setTemperature, setLight };
        setUser.SetAction((result, ct) => AdminAsync(database, result, output, error, logs, async (db, time) =>
            await new AccountAdmin(db, time).SetUserAsync(result.GetValue(setEmail)!, result.GetValue(setTimeZone), result.GetValue(setTemperature), result.GetValue(setLight), ct), ct));
        root.Subcommands.Add(new Command("users", "manages users") { addUser, setUser, listUsers, passwd, removeUser });

        var clientId = new Argument<string>("CLIENT_ID") { Description = "the client id apps sign in with" };
        var secret = new SecretOptions("secret", "the client secret (8 characters or more)");
        var addClient = new Command("add", "adds a client: the keys an app signs in with") { clientId };
        secret.AddTo(addClient);
        addClient.SetAction((result, ct) => AdminAsync(database, result, output, error, logs, async (db, time) =>
        {
            await new AccountAdmin(db, time).AddClientAsync(result.GetValue(clientId)!, await secret.ReadAsync(result, input), ct);
            await Warn(error, secret.Warning(result));
            return $"added client {result.GetValue(clientId)}";
        }, ct));
        var listClients = new Command("list", "lists the client ids");
        listClients.SetAction((result, ct) => AdminAsync(database, result, output, error, logs, async (db, time) => Lines(await new AccountAdmin(db, time).ListClientsAsync(ct), "no clients"), ct));
        var removeClientId = new Argument<string>("CLIENT_ID") { Description = "the client" };
        var removeClient = new Command("remove", "removes a client; the tokens issued to it stop working") { removeClientId };
        removeClient.SetAction((result, ct) => AdminAsync(database, result, output, error, logs, async (db, time) =>
        {
            await new AccountAdmin(db, time).RemoveClientAsync(result.GetValue(removeClientId)!, ct);
            return $"removed client {result.GetValue(removeClientId)}";
        }, ct));
        root.Subcommands.Add(new Command("clients", "manages client keys") { addClient, listClients, removeClient });

        var revokeUser = new Option<string>("--user") { Description = "the user whose tokens are revoked", Required = true };
        var revoke = new Command("revoke", "revokes every token of a user: every device signs in again") { revokeUser };
        revoke.SetAction((result, ct) => AdminAsync(database, result, output, error, logs, async (db, time) =>
            $"revoked {await new AccountAdmin(db, time).RevokeTokensAsync(result.GetValue(revokeUser)!, ct)} token(s) of {AccountAdmin.Normalize(result.GetValue(revokeUser)!)}", ct));
        root.Subcommands.Add(new Command("tokens", "manages issued tokens") { revoke });

        var user = new Option<string>("--user") { Description = "the user whose garden it is", Required = true };
        var nickname = new Option<string>("--nickname") { Description = "the plant's name", Required = true };
        var sensor = new Option<string?>("--sensor") { Description = "the serial of the sensor in it, for example PI040307AD5G200185" };
        var sensorName = new Option<string?>("--sensor-name") { Description = "the name the sensor advertises, for example \"Flower power B42F\" (flowerpower-bridge scan shows it)" };
        var plant = new Option<long?>("--plant-id") { Description = "the plant's id in Parrot's plant database" };
        var outdoor = new Option<bool>("--outdoor") { Description = "the location is outdoors" };
        var calibration = new Option<string?>("--calibration-data") { Description = "the sensor's calibration_data from the cloud's configuration, kept for converting raw readings" };
        var addLocation = new Command("add", "adds a location to a user's garden") { user, nickname, sensor, sensorName, plant, outdoor, calibration };
        addLocation.SetAction((result, ct) => AdminAsync(database, result, output, error, logs, async (db, time) =>
        {
            var identifier = await new AccountAdmin(db, time).AddLocationAsync(
                result.GetValue(user)!, result.GetValue(nickname)!, result.GetValue(sensor), result.GetValue(plant), !result.GetValue(outdoor), ct, result.GetValue(calibration), result.GetValue(sensorName));
            return $"added location {identifier}";
        }, ct));
        var listOwner = new Option<string>("--user") { Description = "the user whose garden it is", Required = true };
        var listLocations = new Command("list", "lists a user's locations: identifier, nickname, sensor, samples") { listOwner };
        listLocations.SetAction((result, ct) => AdminAsync(database, result, output, error, logs, async (db, time) =>
            Lines(await new AccountAdmin(db, time).ListLocationsAsync(result.GetValue(listOwner)!, ct), "no locations"), ct));
        var removeOwner = new Option<string>("--user") { Description = "the user whose garden it is", Required = true };
        var removeIdentifier = new Argument<string>("LOCATION") { Description = "the location's identifier ('locations list' shows them)" };
        var removeLocation = new Command("remove", "removes a location with its samples") { removeIdentifier, removeOwner };
        removeLocation.SetAction((result, ct) => AdminAsync(database, result, output, error, logs, async (db, time) =>
        {
            await new AccountAdmin(db, time).RemoveLocationAsync(result.GetValue(removeOwner)!, result.GetValue(removeIdentifier)!, ct);
            return $"removed location {result.GetValue(removeIdentifier)}";
        }, ct));
        var setOwner = new Option<string>("--user") { Description = "the user whose garden it is", Required = true };
        var setIdentifier = new Option<string>("--location") { Description = "the location's identifier ('locations list' shows them)", Required = true };
        var setNickname = new Option<string?>("--nickname") { Description = "the plant's new name" };
        var setSensor = new Option<string?>("--sensor") { Description = "the serial of the sensor in it now, for example PI040307AD5G200185 (its samples stay)" };
        var setSensorName = new Option<string?>("--sensor-name") { Description = "the name the sensor advertises, for example \"Flower power B42F\"" };
        var setPlant = new Option<long?>("--plant-id") { Description = "the plant's id in Parrot's plant database" };
        var setOutdoor = new Option<bool>("--outdoor") { Description = "the location is outdoors" };
        var setIndoor = new Option<bool>("--indoor") { Description = "the location is indoors" };
        var setLocation = new Command("set", "changes a location and keeps its samples: nickname, sensor, plant, indoors or out")
        {
            setOwner, setIdentifier, setNickname, setSensor, setSensorName, setPlant, setOutdoor, setIndoor,
        };
        setLocation.SetAction((result, ct) => AdminAsync(database, result, output, error, logs, async (db, time) =>
        {
            if (result.GetValue(setOutdoor) && result.GetValue(setIndoor))
            {
                throw new AdminException("give --indoor or --outdoor, not both", isBadArgument: true);
            }

            bool? indoor = result.GetValue(setIndoor) ? true : result.GetValue(setOutdoor) ? false : null;
            return await new AccountAdmin(db, time).SetLocationAsync(
                result.GetValue(setOwner)!, result.GetValue(setIdentifier)!, result.GetValue(setNickname), result.GetValue(setSensor), result.GetValue(setSensorName),
                result.GetValue(setPlant), indoor, ct);
        }, ct));
        var mergeOwner = new Option<string>("--user") { Description = "the user whose garden it is", Required = true };
        var mergeFrom = new Option<string>("--from") { Description = "the location merged in, which goes ('locations list' shows them)", Required = true };
        var mergeInto = new Option<string>("--into") { Description = "the location that stays, with every sample of both", Required = true };
        var mergeLocations = new Command("merge", "merges two plants of a garden into one, keeping every sample once") { mergeOwner, mergeFrom, mergeInto };
        mergeLocations.SetAction((result, ct) => AdminAsync(database, result, output, error, logs, async (db, time) =>
            await new PlantMerger(db).MergeAsync(result.GetValue(mergeOwner)!, result.GetValue(mergeFrom)!, result.GetValue(mergeInto)!, ct), ct));
        root.Subcommands.Add(new Command("locations", "manages gardens") { addLocation, setLocation, mergeLocations, listLocations, removeLocation });

        var folder = new Argument<string>("PATH") { Description = "the folder of CSV-Dump files, one <sensor_identifier>.csv per sensor, or one such file" };
        var owner = new Option<string>("--user") { Description = "the user whose garden receives the history", Required = true };
        var into = new Option<string?>("--location") { Description = "the plant of the garden that receives one file's history ('locations list' shows them); otherwise the plant of the file's sensor, made when missing" };
        var csvDump = new Command("csv-dump", "imports the files Parrot's CSV-Dump tool saved") { folder, owner, into };
        csvDump.SetAction((result, ct) => AdminAsync(database, result, output, error, logs, async (db, time) =>
            Reported(await new CsvDumpImporter(db, time).ImportAsync(result.GetValue(folder)!, result.GetValue(owner)!, result.GetValue(into), output, ct), error), ct));

        var romiFile = new Argument<string>("FILE") { Description = "the JSON file ROMI's flower-power-history tool saved for one sensor" };
        var romiOwner = new Option<string>("--user") { Description = "the user whose garden receives the history", Required = true };
        var romiSensor = new Option<string>("--sensor") { Description = "the sensor's serial, for example PI040307AD5G200185 (the file names only its Bluetooth address)", Required = true };
        var romiJson = new Command("romi-json", "imports a sensor's history downloaded over Bluetooth by ROMI's flower-power-history tool") { romiFile, romiOwner, romiSensor };
        romiJson.SetAction((result, ct) => AdminAsync(database, result, output, error, logs, async (db, time) =>
            Reported(
                await new RomiHistoryImporter(db, time).ImportAsync(result.GetValue(romiFile)!, result.GetValue(romiOwner)!, result.GetValue(romiSensor)!, output, ct),
                error),
            ct));
        root.Subcommands.Add(new Command("import", "imports saved histories") { csvDump, romiJson });

        var keep = ServeOptions.KeepUploadsOption();
        var prune = new Command("prune", "removes upload bodies kept longer than --keep-uploads days (their samples stay)") { keep };
        prune.SetAction((result, ct) => AdminAsync(database, result, output, error, logs, async (db, time) =>
        {
            var days = result.GetValue(keep);
            var removed = days == 0 ? 0 : await new UploadRetention(db, time).PruneAsync(TimeSpan.FromDays(days), ct);
            return $"removed {removed} upload bodies older than {days} days";
        }, ct));
        root.Subcommands.Add(new Command("uploads", "manages the upload bodies kept as received") { prune });

        var backupFile = new Argument<string>("FILE") { Description = "the new SQLite file to write the copy to (it must not exist)" };
        var backup = new Command("backup", "writes a consistent copy of the SQLite database while it serves; for PostgreSQL use pg_dump") { backupFile };
        backup.SetAction((result, ct) => AdminAsync(database, result, output, error, logs, async (db, time) =>
        {
            var target = Path.GetFullPath(result.GetValue(backupFile)!);
            await Backups.WriteAsync(db, target, ct);
            return $"wrote a copy of {db.Description} to {target}; serve it with --database {target}";
        }, ct));
        root.Subcommands.Add(backup);

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            // "users foo" also reports that users needs a command; the word the user typed wrong says more.
            var first = parsed.Errors.FirstOrDefault(e => parsed.UnmatchedTokens.Any(word => e.Message.Contains($"'{word}'", StringComparison.Ordinal))) ?? parsed.Errors[0];
            await error.WriteLineAsync($"{Name}: {string.Join(' ', first.Message.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))} (see --help)");
            return 2;
        }

        string format;
        try
        {
            database.Settings = ServerSettings.Load(parsed.GetValue(config) ?? Environment.GetEnvironmentVariable(ServerSettings.Prefix + "CONFIG"));
            format = database.Settings.Text(parsed, logFormat)!;
            if (!ServerLogs.Formats.Contains(format, StringComparer.Ordinal))
            {
                throw new SettingsException($"{ServerSettings.Prefix}LOG_FORMAT: '{format}' is not one of {string.Join(", ", ServerLogs.Formats)}");
            }
        }
        catch (SettingsException exception)
        {
            await error.WriteLineAsync($"{Name}: {exception.Message}");
            return 2;
        }

        var isServe = parsed.CommandResult.Command == root || parsed.CommandResult.Command == serve;
        using var ownLogs = loggerFactory is null ? ServerLogs.Create(format, toStandardError: !isServe) : null;
        logs = loggerFactory ?? ownLogs!;
        return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, stopping);
    }

    private static async Task<int> ServeAsync(
        DatabaseOptions databaseOptions, ParseResult result, ServeOptions serving, TextWriter output, TextWriter error, ILoggerFactory logs, CancellationToken stopping)
    {
        ServerOptions options;
        try
        {
            options = serving.Read(result, databaseOptions.Settings);
        }
        catch (SettingsException exception)
        {
            await error.WriteLineAsync($"{Name}: {exception.Message}");
            return 2;
        }

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
            server = await CloudServer.StartAsync(database, options, loggerFactory: logs, cancellationToken: stopping);
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
        DatabaseOptions databaseOptions, ParseResult result, TextWriter output, TextWriter error, ILoggerFactory logs,
        Func<CloudDatabase, TimeProvider, Task<string>> command, CancellationToken cancellationToken)
    {
        // The command's words only (never an option's value, which may be a secret), and its one-line result.
        var audit = logs.CreateLogger(CloudEvents.AuditCategory);
        var name = string.Join(' ', result.CommandResult.Command.Parents.OfType<Command>().Where(c => c is not RootCommand).Reverse().Select(c => c.Name)
            .Append(result.CommandResult.Command.Name));
        await using var database = databaseOptions.Open(result);
        try
        {
            await database.MigrateAsync(cancellationToken);
            var done = await command(database, TimeProvider.System);
            await output.WriteLineAsync(done);
            audit.LogInformation(ServerEvents.AdminCommand, "Administration: {Command} on {Database}: {Result}", name, database.Description, done.Split('\n')[0]);
            return 0;
        }
        catch (AdminException exception)
        {
            audit.LogWarning(ServerEvents.AdminCommandRefused, "Administration: {Command} on {Database} refused: {Reason}", name, database.Description, exception.Message);
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

    private static string Lines(IReadOnlyList<string> lines, string none) => lines.Count == 0 ? none : string.Join(Environment.NewLine, lines);

    private static async Task Warn(TextWriter error, string? warning)
    {
        if (warning is not null)
        {
            await error.WriteLineAsync($"{Name}: {warning}");
        }
    }

    private static bool IsDatabaseFailure(Exception exception) =>
        exception is System.Data.Common.DbException or ArgumentException or IOException or UnauthorizedAccessException or TimeoutException or SchemaTooNewException;

    private static string FirstLine(Exception exception)
    {
        var message = (exception.InnerException is IOException inner ? inner : exception).Message;
        var end = message.IndexOfAny(['\r', '\n']);
        return (end >= 0 ? message[..end] : message).TrimEnd('.');
    }
}
