namespace FlowerPower.Cloud.Server.Web.Pages;

/// <summary>One drawn point of a chart: the mean of the readings in a slice of time, and their lowest and highest.</summary>
internal readonly record struct ChartPoint(DateTimeOffset At, double Mean, double Low, double High);
