using LayerEntropy.Analysis;
using LayerEntropy.Cli;
using LayerEntropy.Tests.Analysis;

namespace LayerEntropy.Tests.Cli;

public class AnalysisTablesTests
{
    private static string Render(AnalysisResult result, bool? compact = null, int? width = null, OutputLevel level = OutputLevel.AllTables)
    {
        var output = new StringWriter();
        AnalysisTables.Render(result, output, level, compact, width);
        return output.ToString();
    }

    [Fact]
    public void By_default_only_the_pattern_table_then_the_finding_and_the_notes()
    {
        var result = SampleResults.Small();
        string text = Render(result, level: OutputLevel.Default);

        Assert.Contains("pattern · mean (nats per unit)", text);
        Assert.DoesNotContain("codeword", text);
        Assert.DoesNotContain("census", text);
        Assert.DoesNotContain("magnitude", text);
        int table = text.IndexOf("pattern · mean", StringComparison.Ordinal), finding = text.IndexOf("per class, pattern entropy", StringComparison.Ordinal);
        Assert.True(table >= 0 && finding > table, text);
        foreach (string w in result.Warnings) Assert.True(text.IndexOf(w, StringComparison.Ordinal) > finding, text);
    }

    [Fact]
    public void Quiet_prints_the_finding_alone()
    {
        var result = SampleResults.Small();
        Assert.Equal(Words(result.Summary), Words(Render(result, level: OutputLevel.Quiet)).Trim());
    }

    [Fact]
    public void The_finding_prints_a_line_per_clause_within_the_width()
    {
        string summary = "per class, it falls (ℓ* = 2; a note); 3 of 10 classes never rise; pooled, it stays within 0.65–0.80 bits per unit";
        Assert.Equal(["per class, it falls (ℓ* = 2; a note);", "3 of 10 classes never rise;", "pooled, it stays within 0.65–0.80 bits per unit"],
            AnalysisTables.FindingLines(summary, 120));
        Assert.Equal(["per class, it falls", "  (ℓ* = 2; a note);", "3 of 10 classes", "  never rise;", "pooled, it stays", "  within 0.65–0.80", "  bits per unit"],
            AnalysisTables.FindingLines(summary, 20));
    }

    private static string Words(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ");

    [Fact]
    public void Every_tap_set_summary_and_warning_is_shown_as_plain_text()
    {
        var result = SampleResults.Small();
        string text = Render(result);

        foreach (var tap in result.Taps) Assert.Contains(tap.Name, text);
        foreach (var set in result.Sets) Assert.Contains(set.Name, text);
        Assert.Contains(Words(result.Summary), Words(text));
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
        Assert.Contains(Words(result.Summary), Words(text));
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
