using Tmds.DBus.Protocol;

namespace FlowerPower.Cloud.Bridge.Bluetooth;

/// <summary>Writes a method call's arguments (the writer is a ref struct, so no <see cref="Action{T}"/> can take it).</summary>
/// <param name="writer">The call being written.</param>
internal delegate void ArgumentWriter(ref MessageWriter writer);
