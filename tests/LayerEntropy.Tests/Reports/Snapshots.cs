using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace LayerEntropy.Tests.Reports;

/// <summary>Stored expected outputs in the source tree, compared after whitespace normalisation.</summary>
internal static partial class Snapshots
{
    public static bool Updating => Environment.GetEnvironmentVariable("LAYERENTROPY_UPDATE_SNAPSHOTS") == "1";

    /// <summary>This folder in the source tree (the snapshots live beside the tests, not in the build output).</summary>
    public static string SourceFolder => Path.GetDirectoryName(Here())!;

    private static string Here([CallerFilePath] string path = "") => path;

    /// <summary>Runs of whitespace become one space, and whitespace between tags goes.</summary>
    public static string Normalise(string text) => Between().Replace(Runs().Replace(text, " "), "><").Trim();

    /// <summary>Compares <paramref name="actual"/> with Snapshots/NAME (or writes it there when updating); on a difference, names the first place.</summary>
    public static void Match(string name, string actual)
    {
        string path = Path.Combine(SourceFolder, "Snapshots", name);
        if (Updating || !File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual);
            Assert.True(Updating, $"{path} did not exist and was written; check it in and run again");
        }
        string expected = Normalise(File.ReadAllText(path)), got = Normalise(actual);
        if (expected == got) return;
        int at = 0;
        while (at < Math.Min(expected.Length, got.Length) && expected[at] == got[at]) at++;
        string Around(string s) => s.Substring(Math.Max(0, at - 80), Math.Min(160, s.Length - Math.Max(0, at - 80)));
        Assert.Fail($"{name} differs from the snapshot at character {at}:\nexpected …{Around(expected)}…\nactual   …{Around(got)}…\n(set LAYERENTROPY_UPDATE_SNAPSHOTS=1 to accept the new output)");
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Runs();

    [GeneratedRegex(@">\s+<")]
    private static partial Regex Between();
}
