using System.Data.Common;

namespace FlowerPower.Cloud.Server.Storage;

/// <summary>
/// One step of the schema: statements, then, where stored data must be brought along, code that runs in the same
/// transaction (so a migration that fails half-way leaves the database as it was).
/// </summary>
internal sealed record Migration(IReadOnlyList<string> Statements, Func<CloudDatabase, DbConnection, DbTransaction, CancellationToken, Task>? Then = null);
