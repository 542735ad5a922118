using System.Diagnostics;

namespace FlowerPower.Cloud.Tests.TestSupport.Bluez;

/// <summary>
/// A private D-Bus daemon (Debian's dbus-daemon) on a socket in a temporary folder: the system bus of the fake BlueZ
/// and the bridge under test, never the machine's own. Stopped and removed on dispose.
/// </summary>
internal sealed class PrivateBus : IDisposable
{
    private readonly Process _daemon;
    private readonly string _folder;

    private PrivateBus(Process daemon, string folder, string address)
    {
        _daemon = daemon;
        _folder = folder;
        Address = address;
    }

    /// <summary>The bus's address, as DBUS_SYSTEM_BUS_ADDRESS takes it.</summary>
    public string Address { get; }

    public static PrivateBus Start()
    {
        var folder = Directory.CreateTempSubdirectory("fp-dbus-").FullName;
        var socket = Path.Combine(folder, "bus");
        var config = Path.Combine(folder, "bus.conf");
        File.WriteAllText(config, $"""
            <!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN" "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
            <busconfig>
              <type>system</type>
              <listen>unix:path={socket}</listen>
              <auth>EXTERNAL</auth>
              <policy context="default">
                <allow user="*"/>
                <allow own="*"/>
                <allow send_destination="*" eavesdrop="true"/>
                <allow eavesdrop="true"/>
              </policy>
            </busconfig>
            """);
        var daemon = Process.Start(new ProcessStartInfo("dbus-daemon", ["--config-file=" + config, "--nofork", "--nopidfile", "--print-address"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("dbus-daemon did not start: install Debian's dbus package");
        var address = daemon.StandardOutput.ReadLine();
        if (string.IsNullOrEmpty(address))
        {
            var error = daemon.StandardError.ReadToEnd();
            daemon.Kill();
            throw new InvalidOperationException("dbus-daemon printed no address: " + error);
        }

        return new PrivateBus(daemon, folder, address.Trim());
    }

    public void Dispose()
    {
        try
        {
            _daemon.Kill(entireProcessTree: true);
            _daemon.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _daemon.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
