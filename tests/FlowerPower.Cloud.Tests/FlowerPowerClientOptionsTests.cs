using FlowerPower.Cloud.Tests.TestSupport;

namespace FlowerPower.Cloud.Tests;

public sealed class FlowerPowerClientOptionsTests
{
    [Fact]
    public void Defaults_point_at_the_parrot_cloud_with_retries_on()
    {
        var options = new FlowerPowerClientOptions();

        Assert.Equal(new Uri("https://api-flower-power-pot.parrot.com"), options.BaseAddress);
        Assert.Equal(3, options.Retry.MaxRetryAttempts);
        Assert.Equal(TimeSpan.FromMinutes(2), options.Timeout);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5080")]
    [InlineData("http://localhost:5080")]
    [InlineData("http://[::1]:5080")]
    [InlineData("https://api.example.com")]
    public void Https_and_loopback_http_are_accepted(string address)
    {
        using var client = new FlowerPowerClient(TestCredentials.Options(new Uri(address)));
        Assert.Equal(new Uri(address), client.BaseAddress);
    }

    [Theory]
    [InlineData("http://api-flower-power-pot.parrot.com")]
    [InlineData("http://192.168.1.10:5080")]
    [InlineData("ftp://127.0.0.1")]
    public void Plain_http_to_another_host_is_refused_at_construction(string address)
    {
        var error = Assert.Throws<ArgumentException>(() => new FlowerPowerClient(TestCredentials.Options(new Uri(address))));

        Assert.Contains("BaseAddress", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_wrong_setting_is_named()
    {
        var options = new FlowerPowerClientOptions
        {
            Timeout = TimeSpan.Zero,
            Retry = new FlowerPowerRetryOptions { MaxRetryAttempts = -1, Delay = TimeSpan.FromSeconds(10), MaxDelay = TimeSpan.FromSeconds(1), AttemptTimeout = TimeSpan.Zero },
        };

        var error = Assert.Throws<ArgumentException>(() => new FlowerPowerClient(options));

        foreach (var name in new[] { "ClientId", "ClientSecret", "Username", "Password", "Timeout", "Retry.MaxRetryAttempts", "Retry.MaxDelay", "Retry.AttemptTimeout" })
        {
            Assert.Contains(name, error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Password_may_be_left_out_when_a_token_store_is_given()
    {
        var options = TestCredentials.Options(new Uri("https://api.example.com"));
        options.Password = null;

        Assert.Throws<ArgumentException>(() => new FlowerPowerClient(options));
        using var client = new FlowerPowerClient(options, tokenStore: new InMemoryTokenStore());
    }

    [Fact]
    public async Task A_disposed_client_refuses_calls()
    {
        var client = new FlowerPowerClient(TestCredentials.Options(new Uri("https://api.example.com")));
        client.Dispose();
        client.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => client.GetVersionsAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_reversed_range_is_an_argument_error()
    {
        using var client = new FlowerPowerClient(TestCredentials.Options(new Uri("https://api.example.com")));

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.GetSamplesAsync(
            "loc", DateTimeOffset.UnixEpoch.AddDays(1), DateTimeOffset.UnixEpoch, TestContext.Current.CancellationToken));
    }

    [Fact]
    public void Changing_the_options_after_construction_does_not_change_the_client()
    {
        var options = TestCredentials.Options(new Uri("https://api.example.com"));
        using var client = new FlowerPowerClient(options);

        options.BaseAddress = new Uri("https://elsewhere.example.com");

        Assert.Equal(new Uri("https://api.example.com"), client.BaseAddress);
    }
}
