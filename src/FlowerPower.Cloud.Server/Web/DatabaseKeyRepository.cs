using System.Xml.Linq;
using FlowerPower.Cloud.Server.Storage;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace FlowerPower.Cloud.Server.Web;

/// <summary>
/// Keeps ASP.NET Core Data Protection's key ring in the database (<c>data_protection_keys</c>), so every instance over
/// one database reads the form tokens and session tokens the others protected, and a restart signs nobody out. The
/// keys are stored as Data Protection writes them: the database is the trust boundary, as it is for everything else
/// the server keeps. Data Protection asks synchronously (at start, and when its cached ring expires, a day later), so
/// the repository answers with synchronous database calls rather than blocking a thread on asynchronous ones.
/// </summary>
internal sealed class DatabaseKeyRepository(CloudDatabase database, TimeProvider time) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        var keys = new List<XElement>();
        using var connection = database.Open();
        using var command = connection.Command(null, "SELECT xml FROM data_protection_keys ORDER BY created_ms, name");
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            keys.Add(XElement.Parse(reader.GetString(0)));
        }

        return keys;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var connection = database.Open();
        using var command = connection.Command(
            null,
            "INSERT INTO data_protection_keys (name, xml, created_ms) VALUES (@n, @x, @t)",
            ("@n", friendlyName),
            ("@x", element.ToString(SaveOptions.DisableFormatting)),
            ("@t", time.GetUtcNow().ToUnixTimeMilliseconds()));
        command.ExecuteNonQuery();
    }
}
