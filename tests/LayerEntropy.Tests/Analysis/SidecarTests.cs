using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using LayerEntropy.Analysis;
using LayerEntropy.Data;
using LayerEntropy.Reports;

namespace LayerEntropy.Tests.Analysis;

/// <summary>
/// Taps of more than 1,024 units keep their per-unit arrays in .npy files beside analysis.json: NumPy reads them as
/// the values of the result, the JSON stays small and refers to them, loading puts the result back together, and a
/// missing or damaged file is named in one line.
/// </summary>
public class SidecarTests
{
    private const string Install = "install python3 and python3-numpy (e.g. apt-get install python3-numpy)";
    private const string Statistics = "(firing_probability|entropy|label_information|mean_activation)";

    [Fact]
    public void Big_taps_arrays_go_to_npy_files_named_by_depth_and_the_json_refers_to_them()
    {
        using var dir = new TempDir();
        var result = BigResults.Analysed();

        var written = AnalysisOutput.Write(result, dir.Path);

        string folder = ArraysFolder(dir.Path);
        Assert.Matches("^analysis-arrays-[0-9a-f]{12}$", folder);
        string[] arrays = ["firing_probability", "entropy", "label_information", "mean_activation", "samples"];
        string[] files = [.. new[] { "analysis.json", "measures.csv" }.Concat(new[] { 2, 3 }.SelectMany(t => arrays.Select(a => $"{folder}/t0{t}-{a}.npy"))).Order(StringComparer.Ordinal)];
        Assert.Equal(files, dir.Files().Select(f => f.Replace('\\', '/')));
        using var doc = JsonDocument.Parse(File.ReadAllText(written[0]));
        var root = doc.RootElement;
        Assert.Equal(2, root.GetProperty("schema_version").GetInt32());
        var taps = root.GetProperty("taps");
        Assert.All(taps[0].GetProperty("sets").EnumerateArray().Where((_, s) => s != 3),
            s => Assert.Equal(JsonValueKind.Array, s.GetProperty("units").GetProperty("entropy").ValueKind));
        for (int t = 1; t <= 2; t++)
        {
            // Rows: the sets with statistics, in order (a, b, c, pooled); the empty class has none.
            var sets = taps[t].GetProperty("sets");
            Assert.Equal(JsonValueKind.Null, sets[3].GetProperty("units").ValueKind);
            int[] rows = [0, 1, 2, -1, 3];
            foreach (int s in new[] { 0, 1, 2, 4 })
            {
                var units = sets[s].GetProperty("units");
                foreach (string statistic in new[] { "firing_probability", "entropy", "mean_activation" })
                    AssertReference(units.GetProperty(statistic), $"{folder}/t0{t + 1}-{statistic}.npy", rows[s]);
                if (s == 4) AssertReference(units.GetProperty("label_information"), $"{folder}/t0{t + 1}-label_information.npy", 0);
                else Assert.Equal(JsonValueKind.Null, units.GetProperty("label_information").ValueKind);
            }
        }
        var inputs = root.GetProperty("samples").GetProperty("inputs");
        Assert.Equal(6, inputs.GetArrayLength());
        for (int i = 0; i < 6; i++)
        {
            var vectors = inputs[i].GetProperty("taps");
            Assert.Equal(16, vectors[0].GetArrayLength());
            AssertReference(vectors[1], $"{folder}/t02-samples.npy", i);
            AssertReference(vectors[2], $"{folder}/t03-samples.npy", i);
        }
    }

    [Fact]
    public void The_json_of_a_resnet_sized_tap_stays_under_10_MB()
    {
        using var dir = new TempDir();
        var result = BigResults.Wide(20_000);
        long inline = JsonSerializer.Serialize(result, AnalysisJson.Options).Length;
        Assert.True(inline > 10_000_000, $"inline the JSON has only {inline} bytes: the case proves nothing");

        var written = AnalysisOutput.Write(result, dir.Path);

        Assert.True(new FileInfo(written[0]).Length < 100_000, $"analysis.json has {new FileInfo(written[0]).Length} bytes");
        DeepEqual.Assert(result, AnalysisJson.Load(written[0]));
    }

    [Fact]
    public void NumPy_loads_every_array_with_the_values_of_the_result()
    {
        using var dir = new TempDir();
        var result = BigResults.Analysed();
        var written = AnalysisOutput.Write(result, dir.Path);

        string output = DebianPython.Run(Path.Combine("Analysis", "check_sidecars.py"), [written[0]], Install);

        var all = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')).ToList();
        // The files are byte for byte what NumPy's own np.save writes for the arrays it loaded from them.
        var files = all.Where(p => p[0] == "FILE").ToList();
        Assert.Equal(10, files.Count);
        Assert.All(files, p => Assert.Equal("identical", p[2]));
        var lines = all.Where(p => p[0] != "FILE").ToDictionary(p => p[0]);
        var expected = Expected(result).ToList();
        Assert.Equal(expected.Select(e => e.Path).Order(StringComparer.Ordinal), lines.Keys.Order(StringComparer.Ordinal));
        foreach (var (path, dtype, shape, bytes) in expected)
            Assert.Equal([path, dtype, shape, Convert.ToHexStringLower(SHA256.HashData(bytes))], lines[path]);
    }

    [Fact]
    public void Loading_gives_back_the_result_written_and_json_output_is_the_file()
    {
        using var dir = new TempDir();
        var result = BigResults.Analysed();

        var written = AnalysisOutput.Write(result, dir.File("out"));
        AnalysisJson.Save(result, dir.File("saved.json"));

        var loaded = AnalysisJson.Load(written[0]);
        DeepEqual.Assert(result, loaded);
        DeepEqual.Assert(result, AnalysisJson.Load(dir.File("saved.json")));
        Assert.Equal(File.ReadAllText(written[0]), AnalysisJson.Serialize(result));
        Assert.Equal(File.ReadAllText(written[0]), AnalysisJson.Serialize(loaded));
        Assert.Matches("^saved-arrays-[0-9a-f]{12}$", ArraysFolder(dir.Path, "saved"));
    }

    [Fact]
    public void The_report_draws_from_the_loaded_analysis_as_from_the_result()
    {
        using var dir = new TempDir();
        var result = BigResults.Analysed();
        var written = AnalysisOutput.Write(result, dir.Path);

        var loaded = AnalysisJson.Load(written[0]);
        var pages = ReportOutput.Write(loaded, dir.File("report.html"), dir.File("figures"));

        var expected = ReportFigures.All(result);
        var drawn = ReportFigures.All(loaded);
        Assert.Equal(expected.Select(f => f.FileName), drawn.Select(f => f.FileName));
        Assert.Contains(drawn, f => f.FileName.StartsWith("activations-", StringComparison.Ordinal));
        for (int i = 0; i < expected.Count; i++) Assert.Equal(expected[i].Bytes(), drawn[i].Bytes());
        Assert.Equal(expected.Count + 1, pages.Count);
    }

    [Fact]
    public void Rewriting_moves_to_a_new_arrays_folder_and_removes_the_old_one_once_the_json_is_replaced()
    {
        using var dir = new TempDir();
        var first = BigResults.Analysed(5);
        var second = BigResults.Analysed(6);

        AnalysisOutput.Write(first, dir.Path);
        string before = ArraysFolder(dir.Path);
        AnalysisOutput.Write(second, dir.Path);
        string after = ArraysFolder(dir.Path);
        AnalysisOutput.Write(second, dir.Path);

        Assert.NotEqual(before, after);
        Assert.Equal(after, ArraysFolder(dir.Path));
        DeepEqual.Assert(second, AnalysisJson.Load(dir.File("analysis.json")));
        AnalysisOutput.Write(SampleResults.Small(), dir.Path);
        Assert.Equal(["analysis.json", "measures.csv"], dir.Files());
    }

    [Fact]
    public void A_failed_write_leaves_the_earlier_analysis_and_its_arrays_as_they_were()
    {
        using var dir = new TempDir();
        var first = BigResults.Analysed(5);
        AnalysisOutput.Write(first, dir.Path);
        // measures.csv, replaced just before analysis.json, cannot be: the new arrays are then in place already.
        File.Delete(dir.File("measures.csv"));
        Directory.CreateDirectory(dir.File("measures.csv"));
        var snapshot = new FolderSnapshot(dir.Path);
        string[] folders = [.. Directory.GetDirectories(dir.Path).Order(StringComparer.Ordinal)];

        var e = Assert.Throws<LayerEntropyException>(() => AnalysisOutput.Write(BigResults.Analysed(6), dir.Path));

        Assert.Contains("cannot write the analysis", e.Message);
        snapshot.AssertUnchanged();
        Assert.Equal(folders, Directory.GetDirectories(dir.Path).Order(StringComparer.Ordinal));
        DeepEqual.Assert(first, AnalysisJson.Load(dir.File("analysis.json")));
    }

    public static TheoryData<string, string> Damage => new()
    {
        { "missing", "file not found" },
        { "truncated", "header says shape (4, 3000) of '<f8' (float64) = 96000 data bytes, but the file holds 47936 bytes after the header" },
        { "columns", "wrong shape (4, 2999): rows of 2999 values, but the tap has 3000 units" },
        { "rows", "wrong shape (2, 3000): no row 2" },
        { "dtype", "wrong dtype '<f4' (float32), expected float64" },
        { "nan", "row 1, unit 7 is NaN, not a finite number" },
        { "garbage", "not a .npy file" },
    };

    [Theory]
    [MemberData(nameof(Damage))]
    public void A_missing_or_damaged_array_is_named_in_one_line(string damage, string problem)
    {
        using var dir = new TempDir();
        var result = BigResults.Analysed();
        var written = AnalysisOutput.Write(result, dir.Path);
        string npy = Path.Combine(dir.Path, ArraysFolder(dir.Path), "t02-entropy.npy");
        var entropy = result.Taps[1].Sets.Where(s => s.Units is not null).Select(s => (double[])[.. s.Units!.Entropy]).ToArray();
        byte[] Npy(double[][] rows) { using var s = new MemoryStream(); NpyWriter.WriteDoubles(s, rows, rows[0].Length); return s.ToArray(); }
        switch (damage)
        {
            case "missing": File.Delete(npy); break;
            case "truncated": File.WriteAllBytes(npy, File.ReadAllBytes(npy)[..(NpyWriter.Header("<f8", 4, 3000).Length + 47936)]); break;
            case "columns": File.WriteAllBytes(npy, Npy([.. entropy.Select(r => r[..2999])])); break;
            case "rows": File.WriteAllBytes(npy, Npy(entropy[..2])); break;
            case "dtype":
                using (var s = File.Create(npy)) NpyWriter.WriteFloats(s, [.. entropy.Select(r => r.Select(v => (float)v).ToArray())], 3000);
                break;
            case "nan": entropy[1][7] = double.NaN; File.WriteAllBytes(npy, Npy(entropy)); break;
            case "garbage": File.WriteAllText(npy, "{\"entropy\": [0.5]}"); break;
        }

        var e = Assert.Throws<LayerEntropyException>(() => AnalysisJson.Load(written[0]));

        Assert.DoesNotContain('\n', e.Message);
        Assert.StartsWith($"{npy}: ", e.Message);
        Assert.Contains(problem, e.Message);
        Assert.EndsWith($"(referred to by {written[0]} at taps[1].sets[{(damage == "rows" ? 2 : 0)}].units.entropy)", e.Message);
    }

    [Theory]
    [InlineData("../elsewhere.npy")]
    [InlineData("/etc/passwd")]
    public void A_reference_outside_the_analysis_folder_is_refused(string file)
    {
        using var dir = new TempDir();
        var written = AnalysisOutput.Write(BigResults.Analysed(), dir.Path);
        string json = Regex.Replace(File.ReadAllText(written[0]), "\"npy\": \"[^\"]*t02-entropy.npy\"", $"\"npy\": \"{file}\"");
        File.WriteAllText(written[0], json);

        var e = Assert.Throws<LayerEntropyException>(() => AnalysisJson.Load(written[0]));

        Assert.StartsWith($"{written[0]}: taps[1].sets[0].units.entropy refers to \"{file}\", which is not a path inside the analysis folder", e.Message);
    }

    [Fact]
    public void A_reference_with_other_fields_is_not_an_analysis()
    {
        using var dir = new TempDir();
        var written = AnalysisOutput.Write(BigResults.Analysed(), dir.Path);
        File.WriteAllText(written[0], File.ReadAllText(written[0]).Replace("\"row\": 0}", "\"rows\": 0}", StringComparison.Ordinal));

        var e = Assert.Throws<LayerEntropyException>(() => AnalysisJson.Load(written[0]));

        Assert.Contains("an array reference has \"npy\" and \"row\", not \"rows\"", e.Message);
    }

    /// <summary>The one arrays folder of <paramref name="stem"/>.json in <paramref name="folder"/>.</summary>
    private static string ArraysFolder(string folder, string stem = "analysis") =>
        Path.GetFileName(Assert.Single(Directory.GetDirectories(folder, $"{stem}-arrays-*")));

    private static void AssertReference(JsonElement reference, string file, int row)
    {
        Assert.Equal(JsonValueKind.Object, reference.ValueKind);
        Assert.Equal(file, reference.GetProperty("npy").GetString());
        Assert.Equal(row, reference.GetProperty("row").GetInt32());
        Assert.Equal(2, reference.EnumerateObject().Count());
    }

    /// <summary>
    /// Every list of the big taps, worked out from the result alone: its place in the JSON, NumPy's dtype, the
    /// array's shape (rows: the sets that have the statistic, or the samples) and its values as little-endian bytes.
    /// </summary>
    private static IEnumerable<(string Path, string Dtype, string Shape, byte[] Bytes)> Expected(AnalysisResult r)
    {
        Assert.True(BitConverter.IsLittleEndian);
        for (int t = 0; t < r.Taps.Count; t++)
        {
            var tap = r.Taps[t];
            if (tap.Units <= 1024) continue;
            var withUnits = tap.Sets.Select((s, i) => (s, i)).Where(x => x.s.Units is not null).ToArray();
            foreach (var (set, s) in withUnits)
            {
                var u = set.Units!;
                string at = $"taps[{t}].sets[{s}].units";
                yield return ($"{at}.firing_probability", "<f8", $"{withUnits.Length}x{tap.Units}", Bytes<double>([.. u.FiringProbability]));
                yield return ($"{at}.entropy", "<f8", $"{withUnits.Length}x{tap.Units}", Bytes<double>([.. u.Entropy]));
                yield return ($"{at}.mean_activation", "<f8", $"{withUnits.Length}x{tap.Units}", Bytes<double>([.. u.MeanActivation!]));
                if (u.LabelInformation is { } info) yield return ($"{at}.label_information", "<f8", $"1x{tap.Units}", Bytes<double>([.. info]));
            }
            var inputs = r.Samples!.Inputs;
            for (int i = 0; i < inputs.Count; i++)
                yield return ($"samples.inputs[{i}].taps[{t}]", "<f4", $"{inputs.Count}x{tap.Units}", Bytes<float>([.. inputs[i].Taps[t]]));
        }
    }

    private static byte[] Bytes<T>(T[] values) where T : unmanaged => MemoryMarshal.AsBytes(values.AsSpan()).ToArray();
}
