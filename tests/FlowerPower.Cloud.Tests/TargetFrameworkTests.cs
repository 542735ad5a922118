using System.Reflection;
using System.Runtime.Versioning;
using FlowerPower.Cloud.Emulator;

namespace FlowerPower.Cloud.Tests;

/// <summary>Each leg of the test run exercises the SDK build of its own framework, on that framework's runtime.</summary>
public sealed class TargetFrameworkTests
{
#if NET10_0_OR_GREATER
    private const int ExpectedMajor = 10;
#else
    private const int ExpectedMajor = 8;
#endif

    [Fact]
    public void The_leg_runs_on_the_runtime_it_targets()
    {
        Assert.Equal(ExpectedMajor, Environment.Version.Major);
    }

    [Theory]
    [InlineData(typeof(FlowerPowerClient))]
    [InlineData(typeof(FlowerPowerEmulator))]
    public void The_leg_loads_the_shipped_assembly_built_for_its_framework(Type shipped)
    {
        var framework = shipped.Assembly.GetCustomAttribute<TargetFrameworkAttribute>()?.FrameworkName;

        Assert.Equal($".NETCoreApp,Version=v{ExpectedMajor}.0", framework);
    }
}
