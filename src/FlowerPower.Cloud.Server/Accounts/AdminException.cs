namespace FlowerPower.Cloud.Server.Accounts;

/// <summary>An administration command that cannot be done as asked (a user that exists already, one that does not); its message is for the person who typed it.</summary>
internal sealed class AdminException(string message) : Exception(message)
{
}
