namespace FlowerPower.Cloud.Tests.TestSupport.Bluez;

/// <summary>One history entry a fake sensor holds: its six raw readings, in the buffer's order.</summary>
internal readonly record struct FakeEntry(ushort AirTemperature, ushort Light, ushort SoilEc, ushort SoilTemperature, ushort SoilVwc, ushort Battery)
{
    /// <summary>A plausible entry that differs with its index, so a misplaced entry shows.</summary>
    public static FakeEntry For(long index) => new(
        (ushort)(400 + (index % 200)), (ushort)(300 + (index % 700)), (ushort)(index % 1700), (ushort)(420 + (index % 150)), (ushort)(250 + (index % 400)), (ushort)(900 - (index % 50)));
}
