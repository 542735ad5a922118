namespace FlowerPower.Cloud.Server.Administration;

/// <summary>
/// An administration command that cannot be done as asked; its message is for the person who typed it. A bad
/// argument (a password too short, a file that is not there) ends the program with exit code 2, anything else (a user
/// that exists already, one that does not) with 1.
/// </summary>
internal sealed class AdminException(string message, bool isBadArgument = false) : Exception(message)
{
    /// <summary>Whether the argument itself is wrong, whatever the database holds.</summary>
    public bool IsBadArgument { get; } = isBadArgument;
}
