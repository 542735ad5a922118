using System.Xml.Linq;
using FlowerPower.Cloud.Server.Storage;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace FlowerPower.Cloud.Server.Web;

/// <summary>
/// Keeps ASP.NET Core Data Protection's key ring in the database (<c>data_protection_keys</c>), so every instance over
/// one database reads the sign-in cookies the others wrote, and a restart signs nobody out. The keys are stored as
/// Data Protection writes them: the database is the trust boundary, as it is for everything else the server keeps.
/// </summary>
internal sealed class DatabaseKeyRepository(CloudDatabase database, TimeProvider time) : IXmlRepository
{
    // Data Protection asks synchronously, once at start and when its cached key ring expires (a day), never per request.
    public IReadOnlyCollection<XElement> GetAllElements() => LoadAsync(CancellationToken.None).GetAwaiter().GetResult();

    public void StoreElement(XElement element, string friendlyName) => SaveAsync(element, friendlyName, CancellationToken.None).GetAwaiter().GetResult();

    private async Task<IReadOnlyCollection<XElement>> LoadAsync(CancellationToken cancellationToken)
    {
        var keys = new List<XElement>();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(null, "SELECT xml FROM data_protection_keys ORDER BY created_ms, name");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            keys.Add(XElement.Parse(reader.GetString(0)));
        }

        return keys;
    }

    private async Task SaveAsync(XElement element, string friendlyName, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(
            null,
            "INSERT INTO data_protection_keys (name, xml, created_ms) VALUES (@n, @x, @t)",
            cancellationToken,
            ("@n", friendlyName),
            ("@x", element.ToString(SaveOptions.DisableFormatting)),
            ("@t", time.GetUtcNow().ToUnixTimeMilliseconds()));
    }
}
