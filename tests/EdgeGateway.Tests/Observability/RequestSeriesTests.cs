using EdgeGateway.Observability;
using Prometheus;

namespace EdgeGateway.Tests.Observability;

public class RequestSeriesTests
{
    private readonly GatewayMetrics _metrics = new(Metrics.NewCustomRegistry());

    [Fact]
    public void Record_RepeatedAndDistinctLabels_EachSeriesCountedOnItsOwn()
    {
        var series = new RequestSeries(_metrics);

        series.Record("r", "c", "d1", "GET", 200, 0.25);
        series.Record("r", "c", "d1", "GET", 200, 0.5);
        series.Record("r", "c", "d2", "GET", 200, 1);
        series.Record("r", "c", "d1", "POST", 503, 2);

        Assert.Equal(2, _metrics.Requests.WithLabels("r", "c", "d1", "GET", "200").Value);
        Assert.Equal(1, _metrics.Requests.WithLabels("r", "c", "d2", "GET", "200").Value);
        Assert.Equal(1, _metrics.Requests.WithLabels("r", "c", "d1", "POST", "503").Value);
        Assert.Equal(3, _metrics.RequestDuration.WithLabels("r", "c", "200").Count);
        Assert.Equal(1.75, _metrics.RequestDuration.WithLabels("r", "c", "200").Sum);
        Assert.Equal(2, _metrics.RequestDuration.WithLabels("r", "c", "503").Sum);
    }
}
