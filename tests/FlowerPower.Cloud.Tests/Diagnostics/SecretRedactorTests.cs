using FlowerPower.Cloud.Diagnostics;
using FlowerPower.Cloud.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace FlowerPower.Cloud.Tests.Diagnostics;

/// <summary>What the redactor remembers, and for how long.</summary>
public sealed class SecretRedactorTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2019, 2, 1, 8, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Credentials_stay_masked_however_many_tokens_follow()
    {
        var redactor = new SecretRedactor(_time);
        redactor.Pin(TestCredentials.Password);
        redactor.Pin(TestCredentials.ClientSecret);

        for (var i = 0; i < 500; i++)
        {
            redactor.RememberAccessToken($"access-token-{i:D5}-xxxxxxxxxxxxxxxx", _time.GetUtcNow().AddHours(48));
            redactor.RememberRefreshToken($"refresh-token-{i:D5}-yyyyyyyyyyyyyyyy");
            _time.Advance(TimeSpan.FromMinutes(10));
        }

        var text = redactor.Redact($"echo {TestCredentials.Password} and {TestCredentials.ClientSecret}");

        Assert.Equal("echo *** and ***", text);
    }

    [Theory]
    [InlineData("pa\"ss word&<1>", "pa\\\"ss word&<1>")]
    [InlineData("pa\"ss word&<1>", "pa%22ss%20word%26%3C1%3E")]
    [InlineData("pa\"ss word&<1>", "pa%22ss+word%26%3c1%3e")]
    [InlineData("pa\"ss word&<1>", "pa&quot;ss word&amp;&lt;1&gt;")]
    [InlineData("pässwörd€", "p\\u00E4ssw\\u00F6rd\\u20AC")]
    public void Credentials_are_masked_in_the_spellings_a_server_echoes_them_in(string password, string echoed)
    {
        var redactor = new SecretRedactor(_time);
        redactor.Pin(password);

        var text = redactor.Redact($"<p>{echoed}</p>");

        Assert.DoesNotContain("ss", text.Replace("***", string.Empty, StringComparison.Ordinal)[3..^4], StringComparison.Ordinal);
    }

    [Fact]
    public void An_access_token_is_masked_until_thirty_days_after_it_expires_then_forgotten()
    {
        var redactor = new SecretRedactor(_time);
        redactor.RememberAccessToken(TestCredentials.AccessToken1, _time.GetUtcNow().AddHours(48));

        _time.Advance(TimeSpan.FromHours(48) + SecretRedactor.RetiredTokenRetention - TimeSpan.FromMinutes(1));
        redactor.RememberAccessToken(TestCredentials.AccessToken2, _time.GetUtcNow().AddHours(48));
        Assert.Equal("***", redactor.Redact(TestCredentials.AccessToken1));

        _time.Advance(TimeSpan.FromMinutes(2));
        redactor.RememberRefreshToken(TestCredentials.RefreshToken1);
        Assert.Equal(2, redactor.RememberedTokenCount);
        Assert.Equal(TestCredentials.AccessToken1, redactor.Redact(TestCredentials.AccessToken1));
        Assert.Equal("***", redactor.Redact(TestCredentials.AccessToken2));
    }

    [Fact]
    public void A_replaced_refresh_token_stays_masked_for_thirty_days()
    {
        var redactor = new SecretRedactor(_time);
        redactor.RememberRefreshToken(TestCredentials.RefreshToken1);
        redactor.RememberRefreshToken(TestCredentials.RefreshToken2);

        _time.Advance(SecretRedactor.RetiredTokenRetention - TimeSpan.FromMinutes(1));
        redactor.RememberRefreshToken("REFRESH3eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee");
        Assert.Equal("***", redactor.Redact(TestCredentials.RefreshToken1));
        Assert.Equal("***", redactor.Redact(TestCredentials.RefreshToken2));

        _time.Advance(TimeSpan.FromMinutes(2));
        redactor.RememberRefreshToken("REFRESH4ffffffffffffffffffffffffffffffffffffffff");
        Assert.Equal(TestCredentials.RefreshToken1, redactor.Redact(TestCredentials.RefreshToken1));
        Assert.Equal("***", redactor.Redact("REFRESH3eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee"));
    }

    [Fact]
    public void A_client_on_short_tokens_for_years_keeps_a_bounded_set_and_its_current_refresh_token()
    {
        var redactor = new SecretRedactor(_time);
        for (var i = 0; i < SecretRedactor.MaxRememberedTokens; i++)
        {
            redactor.RememberAccessToken($"access-{i:D6}", _time.GetUtcNow().AddMinutes(1));
            redactor.RememberRefreshToken($"refresh-{i:D6}");
            _time.Advance(TimeSpan.FromSeconds(50));
        }

        Assert.Equal(SecretRedactor.MaxRememberedTokens, redactor.RememberedTokenCount);
        Assert.Equal("***", redactor.Redact($"refresh-{SecretRedactor.MaxRememberedTokens - 1:D6}"));
        Assert.Equal("***", redactor.Redact($"access-{SecretRedactor.MaxRememberedTokens - 1:D6}"));
        Assert.Equal("refresh-000000", redactor.Redact("refresh-000000"));
    }

    [Fact]
    public void The_current_refresh_token_is_never_forgotten()
    {
        var redactor = new SecretRedactor(_time);
        redactor.RememberRefreshToken(TestCredentials.RefreshToken1);

        _time.Advance(TimeSpan.FromDays(3650));
        redactor.RememberAccessToken(TestCredentials.AccessToken1, _time.GetUtcNow().AddHours(1));

        Assert.Equal("***", redactor.Redact(TestCredentials.RefreshToken1));
    }

    [Fact]
    public void A_longer_secret_is_masked_whole_before_a_shorter_one_inside_it()
    {
        var redactor = new SecretRedactor(_time);
        redactor.Pin("abcd");
        redactor.RememberAccessToken("xxabcdxx-token", _time.GetUtcNow().AddHours(1));

        Assert.Equal("[***]", redactor.Redact("[xxabcdxx-token]"));
    }

    [Theory]
    [InlineData("""{"access_token":["SHAPED-TOKEN-0123456789abcdef"]}""")]
    [InlineData("""{"access_token":{"value":"SHAPED-TOKEN-0123456789abcdef"}}""")]
    [InlineData("""{"token":"SHAPED-TOKEN-0123456789abcdef","expires_in":"soon"}""")]
    [InlineData("""{"access_token": "SHAPED-TOKEN-0123456789abcdef""")]
    [InlineData("""<html>token SHAPED-TOKEN-0123456789abcdef</html>""")]
    public void A_token_answer_is_masked_by_shape_whatever_its_shape(string answer)
    {
        var redactor = new SecretRedactor(_time);

        var text = redactor.RedactTokenAnswer(answer);

        Assert.DoesNotContain("SHAPED-TOKEN", text, StringComparison.Ordinal);
        Assert.DoesNotContain("0123456789abcdef", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_token_answer_keeps_its_field_names_readable()
    {
        var redactor = new SecretRedactor(_time);

        var text = redactor.RedactTokenAnswer("""{"access_token":"abc\"def","expires_in":12}""");

        Assert.Equal("""{"access_token":"***","expires_in":12}""", text);
    }
}
