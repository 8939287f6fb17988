using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using LayerEntropy.Data;

namespace LayerEntropy.Analysis;

/// <summary>
/// The per-unit arrays of big taps, kept in .npy files beside analysis.json rather than in it (docs/FORMATS.md,
/// "Arrays of big taps"). A tap of more than <see cref="InlineLimit"/> units has its statistics on every set and its
/// sample activations written as the rows of a few 2-D arrays, one per statistic, named after the tap's depth:
/// <c>t03-entropy.npy</c> holds row by row the per-unit entropy of each set that has one, <c>t03-samples.npy</c>
/// the samples' activations. The JSON refers to a row where the numbers were. Smaller taps stay inline, so the
/// files of small networks read exactly as they always did.
/// <para>
/// The arrays lie in a folder named after the JSON file and a hash of their contents, <c>analysis-arrays-HASH</c>:
/// a new result's arrays never replace the files an earlier analysis.json refers to, so replacing that file last
/// (<see cref="AnalysisFiles"/>) switches from the old arrays to the new at once.
/// </para>
/// </summary>
internal sealed class SidecarArrays
{
    public const int InlineLimit = 1024;

    // 48 bits of SHA-256: two results that differ share a folder name with probability 2⁻⁴⁸.
    private const int HashDigits = 12;

    private static readonly (string Name, Func<UnitStatistics, IReadOnlyList<double>?> Values)[] Statistics =
    [
        ("firing_probability", u => u.FiringProbability),
        ("entropy", u => u.Entropy),
        ("label_information", u => u.LabelInformation),
        ("mean_activation", u => u.MeanActivation),
    ];

    private SidecarArrays(string? folder, IReadOnlyList<(string Name, Action<Stream> Write)> files, AnalysisResult view)
    {
        Folder = folder;
        Files = files;
        View = view;
    }

    /// <summary>The folder of the arrays, relative to the JSON file's; null when every tap is small.</summary>
    public string? Folder { get; }

    /// <summary>Each .npy file, named relative to <see cref="Folder"/>, with what writes it.</summary>
    public IReadOnlyList<(string Name, Action<Stream> Write)> Files { get; }

    /// <summary>What the JSON holds: the result with a reference in place of each list the files hold.</summary>
    public AnalysisResult View { get; }

    public static bool IsBig(TapResult tap) => tap.Units > InlineLimit;

    /// <summary>Whether <paramref name="name"/> is an arrays folder of the JSON file named <paramref name="stem"/>.json.</summary>
    public static bool IsFolderOf(string stem, string name) =>
        Regex.IsMatch(name, $"^{Regex.Escape(stem)}-arrays-[0-9a-f]{{{HashDigits}}}$", RegexOptions.CultureInvariant);

    /// <summary>The files and the JSON's view of a result (checked by <see cref="ResultCheck"/>) that goes to <paramref name="stem"/>.json.</summary>
    public static SidecarArrays Plan(AnalysisResult result, string stem)
    {
        var files = new List<(string Name, Action<Stream> Write)>();
        var rows = new Dictionary<(int Tap, int Set, string Statistic), int>();
        for (int t = 0; t < result.Taps.Count; t++)
        {
            var tap = result.Taps[t];
            if (!IsBig(tap)) continue;
            foreach (var (statistic, values) in Statistics)
            {
                var kept = tap.Sets.Select((s, i) => (Set: i, Values: s.Units is { } u ? values(u) : null)).Where(x => x.Values is not null).ToArray();
                for (int r = 0; r < kept.Length; r++) rows[(t, kept[r].Set, statistic)] = r;
                IReadOnlyList<double>[] lists = [.. kept.Select(x => x.Values!)];
                if (lists.Length > 0) files.Add((FileName(t, result.Taps.Count, statistic), s => NpyWriter.WriteDoubles(s, lists, tap.Units)));
            }
            if (result.Samples is { Inputs.Count: > 0 } samples)
            {
                int at = t;
                IReadOnlyList<float>[] lists = [.. samples.Inputs.Select(x => x.Taps[at])];
                files.Add((FileName(t, result.Taps.Count, "samples"), s => NpyWriter.WriteFloats(s, lists, tap.Units)));
            }
        }
        if (files.Count == 0) return new SidecarArrays(null, files, result);

        string folder = $"{stem}-arrays-{Hash(files)}";
        ArrayReference<double>? Reference(int t, int s, string statistic, IReadOnlyList<double>? values) =>
            values is null ? null : new ArrayReference<double>($"{folder}/{FileName(t, result.Taps.Count, statistic)}", rows[(t, s, statistic)]);
        var taps = result.Taps.Select((tap, t) => !IsBig(tap) ? tap : tap with
        {
            Sets = [.. tap.Sets.Select((set, s) => set.Units is not { } u ? set : set with
            {
                Units = new UnitStatistics(Reference(t, s, "firing_probability", u.FiringProbability)!, Reference(t, s, "entropy", u.Entropy)!,
                    Reference(t, s, "label_information", u.LabelInformation)) { MeanActivation = Reference(t, s, "mean_activation", u.MeanActivation) },
            })],
        }).ToArray();
        var view = result with { Taps = taps };
        if (result.Samples is { } sampled)
            view = view with
            {
                Samples = sampled with
                {
                    Inputs = [.. sampled.Inputs.Select((x, i) => x with
                    {
                        Taps = [.. x.Taps.Select((v, t) => IsBig(result.Taps[t]) ? new ArrayReference<float>($"{folder}/{FileName(t, result.Taps.Count, "samples")}", i) : v)],
                    })],
                },
            };
        return new SidecarArrays(folder, files, view);
    }

    /// <summary><c>tDD-WHAT.npy</c>: the tap's depth, at least two digits and as many as the deepest tap needs, so the files sort by depth.</summary>
    private static string FileName(int tap, int taps, string what)
    {
        int digits = Math.Max(2, taps.ToString(System.Globalization.CultureInfo.InvariantCulture).Length);
        return $"t{(tap + 1).ToString(new string('0', digits), System.Globalization.CultureInfo.InvariantCulture)}-{what}.npy";
    }

    /// <summary>The first hex digits of SHA-256 over every file's name and bytes.</summary>
    private static string Hash(IReadOnlyList<(string Name, Action<Stream> Write)> files)
    {
        using var sha = SHA256.Create();
        using (var sink = new CryptoStream(Stream.Null, sha, CryptoStreamMode.Write))
            foreach (var (name, write) in files)
            {
                sink.Write(Encoding.UTF8.GetBytes(name + "\0"));
                write(sink);
            }
        return Convert.ToHexStringLower(sha.Hash!)[..HashDigits];
    }
}
