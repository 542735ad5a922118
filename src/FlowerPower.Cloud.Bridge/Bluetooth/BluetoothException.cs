namespace FlowerPower.Cloud.Bridge.Bluetooth;

/// <summary>A typed failure of the Bluetooth side: what went wrong (<see cref="Problem"/>) and a sentence an owner can act on.</summary>
internal sealed class BluetoothException : Exception
{
    /// <summary>Makes the failure.</summary>
    /// <param name="problem">What went wrong.</param>
    /// <param name="message">A sentence saying it, and what to do where something can be done.</param>
    /// <param name="inner">The D-Bus error behind it, if any.</param>
    public BluetoothException(BluetoothProblem problem, string message, Exception? inner = null)
        : base(message, inner) => Problem = problem;

    /// <summary>What went wrong.</summary>
    public BluetoothProblem Problem { get; }

    /// <summary>Whether trying again on a new connection may help.</summary>
    public bool IsTransient => Problem is BluetoothProblem.Disconnected or BluetoothProblem.Stalled or BluetoothProblem.Garbled or BluetoothProblem.Failed;
}
