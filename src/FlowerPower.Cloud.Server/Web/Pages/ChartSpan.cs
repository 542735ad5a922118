namespace FlowerPower.Cloud.Server.Web.Pages;

/// <summary>How much of a plant's history a page shows.</summary>
internal enum ChartSpan
{
    Day,
    Week,
    Month,
    Year,
    All,
}
