using LayerEntropy.Analysis;

namespace LayerEntropy.Tests.Analysis;

public class RunDateTests
{
    [Fact]
    public void SourceDateEpochGivesThatMomentInUtc()
    {
        Assert.Equal(new DateTimeOffset(2026, 5, 28, 20, 26, 40, TimeSpan.Zero), RunDate.From("1780000000"));
        Assert.Equal(DateTimeOffset.UnixEpoch, RunDate.From("0"));
    }

    [Fact]
    public void WithoutItTheDateIsNow()
    {
        var before = DateTimeOffset.UtcNow;
        var date = RunDate.From(null);
        Assert.InRange(date, before, DateTimeOffset.UtcNow);
        Assert.InRange(RunDate.From(""), before, DateTimeOffset.UtcNow);
    }

    [Theory]
    [InlineData("-5")]
    [InlineData("1.5")]
    [InlineData("tomorrow")]
    [InlineData("999999999999999")]
    public void AValueThatIsNotASecondCountIsRefusedNamingTheVariable(string text)
    {
        var e = Assert.Throws<LayerEntropyException>(() => RunDate.From(text));
        Assert.StartsWith($"SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01 (got '{text}')", e.Message);
    }
}
