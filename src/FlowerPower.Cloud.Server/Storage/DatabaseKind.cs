namespace FlowerPower.Cloud.Server.Storage;

/// <summary>The databases the server runs on.</summary>
internal enum DatabaseKind
{
    /// <summary>One file beside the program: the default, nothing to install.</summary>
    Sqlite,

    /// <summary>PostgreSQL: for several instances behind a load balancer.</summary>
    PostgreSql,
}
