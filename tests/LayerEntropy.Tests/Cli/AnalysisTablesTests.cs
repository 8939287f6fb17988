using LayerEntropy.Analysis;
using LayerEntropy.Cli;
using LayerEntropy.Tests.Analysis;

namespace LayerEntropy.Tests.Cli;

public class AnalysisTablesTests
{
    private static string Render(AnalysisResult result, bool? compact = null, int? width = null)
    {
        var output = new StringWriter();
        AnalysisTables.Render(result, output, compact, width);
        return output.ToString();
    }

    [Fact]
    public void Every_tap_set_summary_and_warning_is_shown_as_plain_text()
    {
        var result = SampleResults.Small();
        string text = Render(result);

        foreach (var tap in result.Taps) Assert.Contains(tap.Name, text);
        foreach (var set in result.Sets) Assert.Contains(set.Name, text);
        Assert.Contains(result.Summary, text);
        foreach (string w in result.Warnings) Assert.Contains(w, text);
        Assert.DoesNotContain('\u001b', text);
        Assert.All(text.Split('\n'), line => Assert.True(line.Length <= AnalysisTables.DefaultWidth, line));
    }

    [Fact]
    public void Pattern_mean_comes_first_and_statistics_without_values_are_left_out()
    {
        string text = Render(SampleResults.Small());

        int pattern = text.IndexOf("pattern · mean (nats per unit)", StringComparison.Ordinal);
        Assert.True(pattern >= 0, text);
        Assert.True(pattern < text.IndexOf("codeword · normalized", StringComparison.Ordinal));
        Assert.Contains("census · dead (units)", text);
        Assert.DoesNotContain("binned", text);
    }

    [Fact]
    public void Values_show_three_decimals_a_bar_and_a_dash_when_undefined()
    {
        string text = Render(SampleResults.Small());

        Assert.Contains("0.613", text);
        Assert.Contains("██████", text); // the table's largest value has a full bar
        Assert.Contains("–", text);      // the empty class
    }

    [Fact]
    public void Many_classes_fold_into_pooled_and_the_spread_over_classes_within_120_columns()
    {
        var result = SampleResults.ManyClasses(100);
        string text = Render(result);

        Assert.Contains("pooled", text);
        Assert.Contains("median", text);
        Assert.Contains("of 100 classes", text);
        Assert.Contains("fc1_act", text);
        Assert.Contains("fc2_act", text);
        Assert.Contains(result.Summary, text);
        Assert.DoesNotContain("class number 50 ", text);
        var lines = text.Split('\n');
        Assert.All(lines, line => Assert.True(line.Length <= 120, $"{line.Length} columns: {line}"));
        Assert.All(Render(result, width: 80).Split('\n'), line => Assert.True(line.Length <= 80, $"{line.Length} columns: {line}"));
    }

    [Fact]
    public void Ten_classes_with_long_names_still_fit_the_width()
    {
        string text = Render(SampleResults.ManyClasses(10), compact: false);

        Assert.Contains("pooled", text);
        Assert.All(text.Split('\n'), line => Assert.True(line.Length <= 120, $"{line.Length} columns: {line}"));
    }
}
