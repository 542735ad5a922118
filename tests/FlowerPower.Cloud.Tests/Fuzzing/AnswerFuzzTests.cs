using System.Net;
using System.Text;
using CsCheck;
using FlowerPower.Cloud.Tests.TestSupport;

namespace FlowerPower.Cloud.Tests.Fuzzing;

/// <summary>
/// Thousands of generated answers made from the real fixture bodies: cut at every point, bytes flipped, types swapped
/// at random JSON paths, huge and non-finite numbers, deep nesting, invalid UTF-8, odd <c>errors</c> shapes, wrong
/// media types and content encodings. Every outcome is a model or a <see cref="FlowerPowerException"/>, never
/// anything else and never a hang; the unchanged answers read as models. The seed is fixed, so CI repeats the run;
/// set FLOWERPOWER_FUZZ_SEED to explore others.
/// </summary>
public sealed class AnswerFuzzTests
{
    private const int ResourceCasesPerFixture = 450;
    private const int TokenCases = 1500;
    private static readonly TimeSpan Hang = TimeSpan.FromSeconds(10);

    private static ulong Seed =>
        ulong.TryParse(Environment.GetEnvironmentVariable("FLOWERPOWER_FUZZ_SEED"), out var seed) ? seed : 20261127UL;

    public static TheoryData<string> ResourceFixtures() =>
    [
        "barnabas_profile.json", "bela_configuration.json", "bela_status.json", "exemplar_garden_v1_status_one_location_with_plant.json",
        "exemplar_garden_v2_configuration_with_plant_and_null_sensor.json", "barnabas_data.json", "legacy_v2_sample_location_one_day.json",
    ];

    [Theory]
    [MemberData(nameof(ResourceFixtures))]
    public async Task Every_generated_resource_answer_is_a_model_or_a_typed_exception(string fixture)
    {
        var original = Fixtures.Read(fixture);
        AnswerCase current = AnswerCase.Gen.Single();
        var cloud = new InMemoryCloud(
            _ => InMemoryCloud.Answer(HttpStatusCode.OK, Encoding.UTF8.GetBytes(TestCredentials.TokenJson(TestCredentials.AccessToken1, TestCredentials.RefreshToken1))),
            _ => InMemoryCloud.Answer(current.Status, current.Body(original), current.MediaType, current.Encoding));
        using var client = new FlowerPowerClient(Options(), primaryHandler: cloud);
        var outcomes = new Outcomes();

        foreach (var answer in Cases(ResourceCasesPerFixture, fixture))
        {
            current = answer;
            await outcomes.Run(answer, () => Call(client, fixture));
        }

        outcomes.AssertAllTyped();
        Assert.True(outcomes.FaithfulSucceeded > 0, "no unchanged answer was generated, so the run proves nothing");
        Assert.True(outcomes.Failed > 0, "no generated answer failed, so the generator is not reaching the error paths");
    }

    [Fact]
    public async Task Every_generated_token_answer_is_a_model_or_a_typed_exception_and_a_bad_token_is_never_used()
    {
        var original = TestCredentials.TokenJson(TestCredentials.AccessToken1, TestCredentials.RefreshToken1);
        AnswerCase current = AnswerCase.Gen.Single();
        var unusableHeaders = new List<string>();
        var cloud = new InMemoryCloud(
            _ => InMemoryCloud.Answer(current.Status, current.Body(original), current.MediaType, current.Encoding),
            request =>
            {
                var header = request.Headers.TryGetValues("Authorization", out var values) ? string.Join(",", values) : string.Empty;
                if (!header.StartsWith("Bearer ", StringComparison.Ordinal) || !IsBearerToken(header["Bearer ".Length..]))
                {
                    unusableHeaders.Add($"{current}: '{request.Headers.Authorization}'");
                }

                return InMemoryCloud.Answer(HttpStatusCode.OK, Encoding.UTF8.GetBytes(Fixtures.Read("barnabas_profile.json")));
            });
        var outcomes = new Outcomes();

        foreach (var answer in Cases(TokenCases, "token"))
        {
            current = answer;

            // A new client each time: a token that was accepted once is reused, and the next case would go unread.
            using var client = new FlowerPowerClient(Options(), primaryHandler: cloud);
            await outcomes.Run(answer, () => client.GetProfileAsync(TestContext.Current.CancellationToken));
        }

        outcomes.AssertAllTyped();
        Assert.Empty(unusableHeaders);
        Assert.True(outcomes.FaithfulSucceeded > 0, "no unchanged answer was generated, so the run proves nothing");
        Assert.True(outcomes.Failed > 0, "no generated answer failed, so the generator is not reaching the error paths");
    }

    /// <summary>RFC 6750's b64token, written out here on its own so the check does not lean on the code it checks.</summary>
    private static bool IsBearerToken(string token) =>
        System.Text.RegularExpressions.Regex.IsMatch(token, "^[A-Za-z0-9._~+/-]+=*$");

    private static IEnumerable<AnswerCase> Cases(int count, string salt)
    {
        var pcg = new PCG((uint)(Seed ^ StableHash(salt)));
        for (var i = 0; i < count; i++)
        {
            yield return AnswerCase.Gen.Generate(pcg, null, out _);
        }
    }

    private static uint StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash;
    }

    private static FlowerPowerClientOptions Options()
    {
        var options = TestCredentials.Options(new Uri("https://fuzz.flowerpower.test"));
        options.Retry.MaxRetryAttempts = 1;
        options.Retry.EnableCircuitBreaker = false;
        return options;
    }

    private static Task Call(FlowerPowerClient client, string fixture)
    {
        var ct = TestContext.Current.CancellationToken;
        return fixture switch
        {
            _ when fixture.Contains("profile", StringComparison.Ordinal) => client.GetProfileAsync(ct),
            _ when fixture.Contains("configuration", StringComparison.Ordinal) => client.GetGardenConfigurationAsync(ct),
            _ when fixture.Contains("status", StringComparison.Ordinal) => client.GetGardenStatusAsync(ct),
            _ => client.GetSamplesAsync("location", new DateTimeOffset(2018, 11, 9, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2018, 11, 10, 0, 0, 0, TimeSpan.Zero), ct),
        };
    }

    /// <summary>What the cases came to; anything but a model or a typed exception is kept with its case.</summary>
    private sealed class Outcomes
    {
        private readonly List<string> _untyped = [];

        public int FaithfulSucceeded { get; private set; }

        public int Failed { get; private set; }

        public async Task Run(AnswerCase answer, Func<Task> call)
        {
            try
            {
                await call().WaitAsync(Hang, TestContext.Current.CancellationToken);
                if (answer.IsFaithful)
                {
                    FaithfulSucceeded++;
                }
            }
            catch (FlowerPowerException exception)
            {
                Failed++;
                if (answer.IsFaithful)
                {
                    _untyped.Add($"{answer}: the unchanged answer failed: {exception.Message}");
                }

                var text = exception.ToString();
                if (text.Contains(TestCredentials.Password, StringComparison.Ordinal) || text.Contains(TestCredentials.ClientSecret, StringComparison.Ordinal))
                {
                    _untyped.Add($"{answer}: a credential leaked: {text}");
                }
            }
            catch (TimeoutException)
            {
                _untyped.Add($"{answer}: no outcome within {Hang}");
            }
            catch (Exception exception)
            {
                _untyped.Add($"{answer}: {exception.GetType().FullName}: {exception.Message}");
            }
        }

        public void AssertAllTyped() =>
            Assert.True(_untyped.Count == 0, $"{_untyped.Count} cases went wrong:{Environment.NewLine}{string.Join(Environment.NewLine, _untyped.Take(20))}");
    }
}
