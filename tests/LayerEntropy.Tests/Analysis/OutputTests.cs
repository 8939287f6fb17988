using System.Globalization;
using System.Text;
using LayerEntropy.Analysis;

namespace LayerEntropy.Tests.Analysis;

public class OutputTests
{
    [Fact]
    public void Json_round_trip_gives_back_every_value_exactly()
    {
        using var dir = new TempDir();
        var result = SampleResults.Small();
        string path = dir.File("analysis.json");

        AnalysisJson.Save(result, path);
        var back = AnalysisJson.Load(path);

        DeepEqual.Assert(result, back);
        Assert.Equal(File.ReadAllText(path), AnalysisJson.Serialize(back));
        Assert.Equal(["analysis.json"], dir.Files());
    }

    [Fact]
    public void Json_writes_null_for_undefined_values_and_never_NaN()
    {
        var result = SampleResults.Small();
        string json = AnalysisJson.Serialize(result);

        Assert.DoesNotContain("nan", json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("infinity", json, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("\"value\": null", json);
        Assert.Contains("\"units\": null", json);
        Assert.Contains("\"values\": [null, null]", json);
        var empty = AnalysisJson.Deserialize(json, "analysis.json").Taps[1].Sets[1];
        Assert.All(empty.Values, v => Assert.Null(v.Value));
        Assert.Null(empty.Units);
    }

    [Fact]
    public void Json_uses_snake_case_lowercase_enums_and_leaves_out_computed_properties()
    {
        string json = AnalysisJson.Serialize(SampleResults.Small());

        Assert.StartsWith("{\n  \"schema_version\": 1,", json);
        Assert.Contains("\"units\": \"nats\"", json);
        Assert.Contains("\"limit_per_class\": 1000", json);
        Assert.Contains("\"ci_high\": 0.30000000000000004", json);
        Assert.Contains("\"firing_probability\": [0.2, 0.3333333333333333, 1E-07]", json);
        Assert.Contains("\"date\": \"2026-03-04T05:06:07.1234567+02:00\"", json);
        Assert.DoesNotContain("is_pooled", json);
    }

    [Fact]
    public void Fields_a_reader_does_not_know_are_ignored()
    {
        string json = AnalysisJson.Serialize(SampleResults.Small()).Replace("\"summary\":", "\"added_later\": {\"x\": [1, 2]},\n  \"summary\":", StringComparison.Ordinal);

        DeepEqual.Assert(SampleResults.Small(), AnalysisJson.Deserialize(json, "analysis.json"));
    }

    [Fact]
    public void The_examples_in_the_format_documentation_are_read_as_documented()
    {
        string doc = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "FORMATS.md"));
        string section = doc[doc.IndexOf("## Analysis results: `analysis.json`", StringComparison.Ordinal)..];
        string json = Block(section, "```json\n");
        string csv = Block(section, "```csv\n");

        var result = AnalysisJson.Deserialize(json, "FORMATS.md");
        Assert.Equal(0.5887106419146823, result.Find("fc1_act", "0", MeasureNames.Pattern, MeasureNames.Mean)?.Value);
        var rows = ParseCsv(csv);
        Assert.Equal(MeasuresCsv.Header, string.Join(',', rows[0]));
        Assert.Equal(MeasuresCsv.Serialize(result).Split('\n')[1..4], csv.Split('\n')[1..4]);
        Assert.Equal("saturated (M too small)", result.Find("fc1_act", "0", MeasureNames.Codeword, MeasureNames.Raw)?.CiNote);
        Assert.Equal("cat, \"tabby\"", rows[4][2]);
    }

    [Fact]
    public void Non_finite_numbers_are_refused_naming_where_they_are()
    {
        using var dir = new TempDir();
        var result = SampleResults.Small();
        var tap = result.Taps[1];
        var set = tap.Sets[0] with { Values = [.. tap.Sets[0].Values.Select((v, i) => i == 2 ? v with { CiLow = double.NaN } : v)] };
        var bad = result with { Taps = [result.Taps[0], tap with { Sets = [set, .. tap.Sets.Skip(1)] }] };
        var units = result with { Findings = [result.Findings[0] with { Spearman = double.PositiveInfinity }] };

        var e = Assert.Throws<ArgumentException>(() => AnalysisOutput.Write(bad, dir.File("out")));
        Assert.Contains("taps[1].sets[0].values[2].ci_low is NaN", e.Message);
        Assert.Contains("findings[0].spearman is Infinity", Assert.Throws<ArgumentException>(() => AnalysisJson.Serialize(units)).Message);
        Assert.Contains("taps[1].sets[0].values[2].ci_low", Assert.Throws<ArgumentException>(() => MeasuresCsv.Serialize(bad)).Message);
        Assert.Empty(dir.Files());
        Assert.False(Directory.Exists(dir.File("out")));
    }

    [Theory]
    [InlineData("{\"schema_version\": 99, \"future\": true}", "newer LayerEntropy (schema version 99")]
    [InlineData("{\"manifest\": {}}", "no schema_version")]
    [InlineData("{\"schema_version\": \"one\"}", "not a version number")]
    [InlineData("[1, 2]", "expected a JSON object")]
    [InlineData("hello", "damaged or truncated")]
    [InlineData("", "damaged or truncated")]
    [InlineData("{\"schema_version\": 1}", "missing required properties")]
    public void Files_that_are_not_a_readable_analysis_are_refused_in_one_line_naming_the_file(string json, string problem)
    {
        using var dir = new TempDir();
        string path = dir.Write("analysis.json", Encoding.UTF8.GetBytes(json));

        var e = Assert.Throws<LayerEntropyException>(() => AnalysisJson.Load(path));

        AssertOneLine(e, path, problem);
    }

    [Fact]
    public void A_truncated_file_is_refused_in_one_line_naming_the_file()
    {
        using var dir = new TempDir();
        string json = AnalysisJson.Serialize(SampleResults.Small());
        string path = dir.Write("analysis.json", Encoding.UTF8.GetBytes(json[..(json.Length / 2)]));

        AssertOneLine(Assert.Throws<LayerEntropyException>(() => AnalysisJson.Load(path)), path, "damaged or truncated JSON at line");
        AssertOneLine(Assert.Throws<LayerEntropyException>(() => AnalysisJson.Load(dir.File("missing.json"))), dir.File("missing.json"), "file not found");
    }

    [Fact]
    public void Numbers_too_large_for_a_double_and_null_entries_are_refused()
    {
        string json = AnalysisJson.Serialize(SampleResults.Small());

        string huge = json.Replace("\"ci_high\": 0.30000000000000004", "\"ci_high\": 1e999", StringComparison.Ordinal);
        string hole = json.Replace("\"warnings\": [", "\"warnings\": [null, ", StringComparison.Ordinal);
        string noName = json.Replace("\"name\": \"fc2_act\"", "\"name\": null", StringComparison.Ordinal);

        AssertOneLine(Assert.Throws<LayerEntropyException>(() => AnalysisJson.Deserialize(huge, "a.json")), "a.json", "ci_high is Infinity");
        AssertOneLine(Assert.Throws<LayerEntropyException>(() => AnalysisJson.Deserialize(hole, "a.json")), "a.json", "warnings[0] is missing");
        AssertOneLine(Assert.Throws<LayerEntropyException>(() => AnalysisJson.Deserialize(noName, "a.json")), "a.json", "$.taps[1].name");
    }

    [Fact]
    public void Csv_has_one_row_per_value_and_parses_back_to_the_same_numbers()
    {
        var result = SampleResults.Small();
        string csv = MeasuresCsv.Serialize(result);

        var rows = ParseCsv(csv);
        Assert.Equal(["tap", "depth", "set", "measure", "statistic", "value", "ci_low", "ci_high", "ci_note"], rows[0]);
        var expected = result.Taps.SelectMany(t => t.Sets.SelectMany(s => s.Values.Select(v => (Tap: t, Set: s.Set, Value: v)))).ToList();
        Assert.Equal(expected.Count + 1, rows.Count);
        Assert.Equal(26, expected.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            var (tap, set, v) = expected[i];
            Assert.Equal([tap.Name, tap.Depth.ToString(CultureInfo.InvariantCulture), set, v.Measure, v.Statistic], rows[i + 1][..5]);
            Assert.Equal(v.Value, Number(rows[i + 1][5]));
            Assert.Equal(v.CiLow, Number(rows[i + 1][6]));
            Assert.Equal(v.CiHigh, Number(rows[i + 1][7]));
            Assert.Equal(v.CiNote ?? "", rows[i + 1][8]);
        }
        Assert.Contains("\"cat, \"\"tabby\"\"\"", csv);
        Assert.Contains("fc1_act,1,dog,pattern,mean,,,,\n", csv);
        Assert.DoesNotContain("nan", csv, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Output_folder_gets_both_files_and_nothing_else()
    {
        using var dir = new TempDir();
        string folder = dir.File("runs", "a");

        var paths = AnalysisOutput.Write(SampleResults.Small(), folder);

        Assert.Equal([Path.Combine(folder, "analysis.json"), Path.Combine(folder, "measures.csv")], paths);
        Assert.Equal([Path.Combine("runs", "a", "analysis.json"), Path.Combine("runs", "a", "measures.csv")], dir.Files());
        DeepEqual.Assert(SampleResults.Small(), AnalysisJson.Load(paths[0]));
        Assert.Equal(MeasuresCsv.Serialize(SampleResults.Small()), File.ReadAllText(paths[1]));
    }

    [Fact]
    public void A_failed_write_leaves_the_earlier_analysis_intact_and_no_temporary_files()
    {
        using var dir = new TempDir();
        string earlier = AnalysisJson.Serialize(SampleResults.ManyClasses(3));
        File.WriteAllText(dir.File("analysis.json"), earlier);
        Directory.CreateDirectory(dir.File("measures.csv"));

        var e = Assert.Throws<LayerEntropyException>(() => AnalysisOutput.Write(SampleResults.Small(), dir.Path));

        AssertOneLine(e, dir.Path, "cannot write the analysis");
        Assert.Equal(earlier, File.ReadAllText(dir.File("analysis.json")));
        Assert.Equal(["analysis.json"], dir.Files());
    }

    private static void AssertOneLine(LayerEntropyException e, string path, string problem)
    {
        Assert.DoesNotContain('\n', e.Message);
        Assert.StartsWith($"{path}: ", e.Message);
        Assert.Contains(problem, e.Message);
    }

    private static string Block(string text, string fence)
    {
        int start = text.IndexOf(fence, StringComparison.Ordinal) + fence.Length;
        return text[start..text.IndexOf("```", start, StringComparison.Ordinal)];
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "LayerEntropy.slnx"))) return dir.FullName;
        throw new InvalidOperationException("cannot find the repository root (LayerEntropy.slnx) above the test binaries");
    }

    private static double? Number(string cell) => cell.Length == 0 ? null : double.Parse(cell, NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>A plain RFC 4180 reader, written apart from the writer so the two cannot share a mistake.</summary>
    private static List<string[]> ParseCsv(string text)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var cell = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (quoted)
            {
                if (c != '"') cell.Append(c);
                else if (i + 1 < text.Length && text[i + 1] == '"') { cell.Append('"'); i++; }
                else quoted = false;
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { row.Add(cell.ToString()); cell.Clear(); }
            else if (c == '\n') { row.Add(cell.ToString()); cell.Clear(); rows.Add([.. row]); row.Clear(); }
            else cell.Append(c);
        }
        Assert.False(quoted, "unterminated quote");
        Assert.True(row.Count == 0 && cell.Length == 0, "the last line must end with a line feed");
        return rows;
    }
}
