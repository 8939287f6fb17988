using LayerEntropy.Analysis;
using LayerEntropy.Nn;

namespace LayerEntropy.Tests.Analysis;

public class TapSelectionTests
{
    private static readonly Sequential Cnn = ModelSpec.Build("cnn:c4,p,d0.1|fc16,fc8", [1, 12, 12], 10);

    private static string[] Names(string spec, bool pre = false) => [.. TapSelection.Resolve(Cnn, spec, pre).Select(t => t.Name)];

    [Fact]
    public void DefaultTapsAreTheHiddenFcLayersAfterTheirActivation()
    {
        Assert.Equal(["fc1_act", "fc2_act"], Names("fc"));
        Assert.Equal(["fc1", "fc2"], Names("fc", pre: true));
    }

    [Fact]
    public void AllTapsEveryOutputButFlattenDropoutAndTheClassifier()
    {
        Assert.Equal(["conv1", "conv1_act", "pool1", "fc1", "fc1_act", "fc2", "fc2_act"], Names("all"));
        // A conv block is flattened to C·H·W units.
        Assert.Equal(4 * 6 * 6, TapSelection.Resolve(Cnn, "pool1", false).Single().Units);
    }

    [Fact]
    public void NamedTapsComeInDepthOrder() => Assert.Equal(["conv1_act", "fc2_act"], Names("fc2_act, conv1_act"));

    [Fact]
    public void AnUnknownTapListsTheTappableNames()
    {
        var e = Assert.Throws<LayerEntropyException>(() => Names("fc1_act,fc7"));
        Assert.Equal("unknown tap 'fc7'; the tappable outputs are conv1, conv1_act, pool1, fc1, fc1_act, fc2, fc2_act, logits", e.Message);
    }
}
