using System.Globalization;

namespace LayerEntropy.Experiments;

/// <summary>The model spec of each depth of a sweep: the base network with a head of that many hidden FC layers.</summary>
public static class HeadSpec
{
    /// <summary>The narrowest layer a tapered head halves down to.</summary>
    public const int MinimumWidth = 16;

    /// <summary>"mlp:256,256,256" or "cnn:c32,p,c64,p|fc256,fc256,fc256" for depth 3 and width 256.</summary>
    public static string For(string baseSpec, int depth, int width, bool taper)
    {
        if (depth < 1) throw LayerEntropyException.ForSetting($"an FC depth of {Of(nameof(SweepSettings.Depths))} must be at least 1 (got {depth})");
        if (width < 1) throw LayerEntropyException.ForSetting($"{Of(nameof(SweepSettings.Width))} must be at least 1 (got {width})");
        var widths = Enumerable.Range(0, depth).Select(i => taper ? Math.Max(Math.Min(width, MinimumWidth), width >> i) : width)
            .Select(w => w.ToString(CultureInfo.InvariantCulture)).ToArray();
        string b = baseSpec.Trim();
        if (b.Equals("mlp", StringComparison.OrdinalIgnoreCase)) return "mlp:" + string.Join(",", widths);
        if (b.StartsWith("cnn:", StringComparison.OrdinalIgnoreCase) && b.EndsWith('|') && b.Count(ch => ch == '|') == 1)
            return b + string.Join(",", widths.Select(w => "fc" + w));
        throw LayerEntropyException.ForSetting($"{Of(nameof(SweepSettings.Base))} must be mlp or a cnn spec whose FC head is left empty after '|', e.g. cnn:c32,p,c64,p| (got '{baseSpec}')");
    }

    private static SettingName Of(string property) => SettingName.Of<SweepSettings>(property);
}
