using System.Net;
using System.Text;
using FlowerPower.Cloud.Api;
using FlowerPower.Cloud.Diagnostics;
using FlowerPower.Cloud.Errors;

namespace FlowerPower.Cloud.Tests.Errors;

/// <summary>Every code of the reference, in a 200 body and in a 4xx body, gives its category, name and exception type.</summary>
public sealed class ErrorCatalogTests
{
    public static TheoryData<int, string, int> EveryCodeInBothShapes()
    {
        var data = new TheoryData<int, string, int>();
        foreach (var definition in FlowerPowerErrorCatalog.All.Where(d => FlowerPowerErrorCatalog.Find(d.Code).Count == 1))
        {
            data.Add(definition.Code, definition.Name, 200);
            data.Add(definition.Code, definition.Name, 400);
        }

        return data;
    }

    [Fact]
    public void Catalog_is_the_reference_error_tables_row_for_row()
    {
        // The reference itself (../shared/spec), parsed here: "9048 REQUEST_DATE_SPAN_TOO_LARGE The requested date span
        // is too large", one row a line, a message that may be missing (9071).
        var reference = File.ReadAllText(Path.Combine(FlowerPower.Cloud.Tests.TestSupport.Fixtures.RequireShared("spec"), "flower-power-cloud-api-reference.txt"));
        var rows = System.Text.RegularExpressions.Regex.Matches(reference, @"^(\d{4}) ([A-Z0-9_]+)(?: (.*?))?\s*$", System.Text.RegularExpressions.RegexOptions.Multiline)
            .Select(m => (Code: int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), Name: m.Groups[2].Value, Message: m.Groups[3].Value))
            .ToList();

        Assert.True(rows.Count > 100, $"only {rows.Count} rows parsed from the reference");
        Assert.Equal(rows.OrderBy(r => r.Code).ThenBy(r => r.Name), FlowerPowerErrorCatalog.All.Select(d => (d.Code, d.Name, d.Message)).OrderBy(r => r.Code).ThenBy(r => r.Name));
        Assert.Equal(rows.Count - rows.Select(r => r.Code).Distinct().Count(), FlowerPowerErrorCatalog.All.Count - FlowerPowerErrorCatalog.All.Select(d => d.Code).Distinct().Count());
        Assert.Empty(FlowerPowerErrorCatalog.Find(1234));
        Assert.All(FlowerPowerErrorCatalog.All, d => Assert.NotEqual(FlowerPowerErrorCategory.Unknown, d.Category));
    }

    [Theory]
    [MemberData(nameof(EveryCodeInBothShapes))]
    public async Task Each_code_maps_to_its_name_category_and_exception(int code, string name, int status)
    {
        var definition = Assert.Single(FlowerPowerErrorCatalog.Find(code));

        var exception = await ReadFailure(
            (HttpStatusCode)status,
            $$"""{"errors":[{"error_code":{{code}},"error_message":"server says {{code}}"}],"server_identifier":"srv-1"}""");

        Assert.Equal(code, exception.ErrorCode);
        Assert.Equal(name, exception.ErrorName);
        Assert.Equal(definition.Category, exception.Category);
        Assert.Equal((HttpStatusCode)status, exception.StatusCode);
        Assert.Equal("srv-1", exception.ServerIdentifier);
        Assert.Equal($"server says {code}", exception.ServerMessage);
        Assert.Equal(ExpectedType(definition.Category), exception.GetType());
        Assert.Contains(name, exception.Message, StringComparison.Ordinal);
        Assert.Contains("GetGardenStatus", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(7002, "More data required for suggestions: GPS", "MORE_DATA_REQUIRED", typeof(FlowerPowerValidationException))]
    [InlineData(7002, "Dictionary is missing", "LANGUAGE_DICTIONARY_NOY_FOUND", typeof(FlowerPowerNotFoundException))]
    [InlineData(5017, "The status to update was not recognised", "UNKNOWN_STATUS_UPDATE_TYPE", typeof(FlowerPowerValidationException))]
    public async Task A_reused_code_is_named_only_when_the_servers_message_tells_which(int code, string message, string name, Type type)
    {
        var exception = await ReadFailure(HttpStatusCode.OK, $$"""{"errors":[{"error_code":{{code}},"error_message":"{{message}}"}]}""");

        Assert.Equal(name, exception.ErrorName);
        Assert.IsType(type, exception);
    }

    [Theory]
    [InlineData(7002, typeof(FlowerPowerApiException), FlowerPowerErrorCategory.Unknown)]
    [InlineData(5017, typeof(FlowerPowerValidationException), FlowerPowerErrorCategory.Validation)]
    public async Task A_reused_code_with_an_unhelpful_message_is_not_pretended_to_be_known(int code, Type type, FlowerPowerErrorCategory category)
    {
        var exception = await ReadFailure(HttpStatusCode.OK, $$"""{"errors":[{"error_code":{{code}},"error_message":"something"}]}""");

        Assert.Null(exception.ErrorName);
        Assert.Equal(code, exception.ErrorCode);
        Assert.Equal(category, exception.Category);
        Assert.IsType(type, exception);
        Assert.Contains(" or ", exception.Message, StringComparison.Ordinal);
    }

    internal static async Task<FlowerPowerApiException> ReadFailure(HttpStatusCode status, string body, string mediaType = "application/json")
    {
        var redactor = new SecretRedactor();
        var reader = new ResponseReader(redactor, TimeProvider.System);
        var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, mediaType) };
        var failure = await Assert.ThrowsAsync<AnswerFailure>(() =>
            reader.ReadAsync(response, FlowerPowerJsonContext.Default.GardenStatusResponse, isTokenAnswer: false, CancellationToken.None).AsTask());
        return Assert.IsAssignableFrom<FlowerPowerApiException>(
            new FailureTranslator(redactor).Translate("GetGardenStatus", 1, failure, CancellationToken.None));
    }

    private static Type ExpectedType(FlowerPowerErrorCategory category) => category switch
    {
        FlowerPowerErrorCategory.Authentication => typeof(FlowerPowerAuthenticationException),
        FlowerPowerErrorCategory.NotFound => typeof(FlowerPowerNotFoundException),
        FlowerPowerErrorCategory.Validation => typeof(FlowerPowerValidationException),
        FlowerPowerErrorCategory.RateLimit => typeof(FlowerPowerRateLimitException),
        FlowerPowerErrorCategory.Server => typeof(FlowerPowerServerException),
        _ => typeof(FlowerPowerApiException),
    };
}
