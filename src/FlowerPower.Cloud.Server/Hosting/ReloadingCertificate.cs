using System.Runtime.InteropServices;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;

namespace FlowerPower.Cloud.Server.Hosting;

/// <summary>
/// The server's TLS certificate, read again from its PEM files when they change (a renewal hook copying Let's
/// Encrypt's new files in place, or certbot moving the links of <c>live/</c>) and on SIGHUP (<c>systemctl reload</c>),
/// so a renewed certificate is served without a restart. Each new TLS handshake gets the current certificate;
/// connections already open keep theirs.
/// </summary>
/// <remarks>
/// A renewal writes two files one after the other: a certificate that does not match the key read with it (or a file
/// cut off mid-write) is refused, the certificate in use stays, one warning is logged, and the next change is tried
/// again. Nothing is retried on a timer: the file's next change, or a SIGHUP, is the next try.
/// </remarks>
internal sealed class ReloadingCertificate : IDisposable
{
    private readonly string _certificatePath;
    private readonly string _keyPath;
    private readonly ILogger _log;
    private readonly List<FileSystemWatcher> _watchers = [];
    private readonly PosixSignalRegistration? _hangUp;
    private readonly Lock _lock = new();
    private X509Certificate2 _current;

    /// <summary>Reads the certificate and its key, and starts watching both files and SIGHUP.</summary>
    /// <exception cref="System.Security.Cryptography.CryptographicException">The files are not a certificate and its key.</exception>
    /// <exception cref="FileNotFoundException">A file is missing.</exception>
    public ReloadingCertificate(string certificatePath, string keyPath, ILogger log)
    {
        _certificatePath = Path.GetFullPath(certificatePath);
        _keyPath = Path.GetFullPath(keyPath);
        _log = log;
        _current = Load();
        foreach (var folder in new[] { Path.GetDirectoryName(_certificatePath)!, Path.GetDirectoryName(_keyPath)! }.Distinct(StringComparer.Ordinal))
        {
            var watcher = new FileSystemWatcher(folder)
            {
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
                IncludeSubdirectories = false,
            };
            watcher.Changed += OnChanged;
            watcher.Created += OnChanged;
            watcher.Renamed += OnChanged;
            watcher.EnableRaisingEvents = true;
            _watchers.Add(watcher);
        }

        if (!OperatingSystem.IsWindows())
        {
            _hangUp = PosixSignalRegistration.Create(PosixSignal.SIGHUP, signal =>
            {
                signal.Cancel = true;
                Reload("SIGHUP");
            });
        }
    }

    /// <summary>Raised after a new certificate was read and is served from now on.</summary>
    public event Action<X509Certificate2>? Reloaded;

    /// <summary>Raised when the files changed but did not hold a certificate and its key; the one in use stays.</summary>
    public event Action<Exception>? Refused;

    /// <summary>The certificate each new handshake gets.</summary>
    public X509Certificate2 Current
    {
        get
        {
            lock (_lock)
            {
                return _current;
            }
        }
    }

    /// <summary>Reads the files again; keeps the certificate in use when they do not hold a matching pair.</summary>
    /// <param name="why">What asked for it, for the log.</param>
    public void Reload(string why)
    {
        X509Certificate2 fresh;
        try
        {
            fresh = Load();
        }
        catch (Exception exception) when (exception is System.Security.Cryptography.CryptographicException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            _log.LogWarning(ServerEvents.CertificateRefused, "TLS certificate not reloaded ({Why}): {Reason}; the one in use stays", why, exception.Message);
            Refused?.Invoke(exception);
            return;
        }

        X509Certificate2 old;
        lock (_lock)
        {
            if (fresh.Thumbprint == _current.Thumbprint)
            {
                fresh.Dispose();
                return;
            }

            (old, _current) = (_current, fresh);
        }

        _log.LogInformation(ServerEvents.CertificateReloaded, "TLS certificate reloaded ({Why}): {Subject}, valid until {NotAfter:yyyy-MM-dd}", why, fresh.Subject, fresh.NotAfter);
        Reloaded?.Invoke(fresh);

        // Handshakes under way may still hold the old one; it goes with the garbage collector, not here.
        GC.KeepAlive(old);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _hangUp?.Dispose();
        foreach (var watcher in _watchers)
        {
            watcher.Dispose();
        }
    }

    private void OnChanged(object sender, FileSystemEventArgs change)
    {
        if (string.Equals(change.FullPath, _certificatePath, StringComparison.Ordinal) || string.Equals(change.FullPath, _keyPath, StringComparison.Ordinal) ||
            change is RenamedEventArgs)
        {
            Reload("the files changed");
        }
    }

    private X509Certificate2 Load() => X509Certificate2.CreateFromPemFile(_certificatePath, _keyPath);
}
