using LayerEntropy.Cli;
using LayerEntropy.Data;
using LayerEntropy.Tensors;

namespace LayerEntropy.Tests.Data;

/// <summary>C×H×W inputs fitted to what a model takes: reshaped without moving a value, or transposed to channels last.</summary>
public class InputFitTests
{
    private static Tensor Batch(int count, int c, int h, int w)
    {
        var t = new Tensor(count, c, h, w);
        for (int i = 0; i < t.Length; i++) t[i] = i * 0.5f - 7;
        return t;
    }

    private static InputFit Fit(int c, int h, int w, params int?[] wanted) => InputFit.Resolve(c, h, w, wanted, "m.onnx", "[N, …]");

    [Fact]
    public void The_same_shape_is_fed_as_it_is()
    {
        var fit = Fit(3, 4, 5, 3, 4, 5);
        Assert.Null(fit.Note);
        var x = Batch(2, 3, 4, 5);
        Assert.Same(x.Data, fit.Apply(x).Data);
    }

    [Theory]
    [InlineData(new int[] { 784 }, "flattened")]
    [InlineData(new int[] { 28, 28 }, "reshaped")]
    [InlineData(new int[] { 1, 784 }, "reshaped")]
    public void A_model_that_takes_the_same_values_in_another_shape_gets_them_unmoved(int[] wanted, string said)
    {
        var fit = Fit(1, 28, 28, [.. wanted.Select(d => (int?)d)]);
        Assert.Equal(wanted, fit.Shape);
        Assert.Contains(said, fit.Note);
        var x = Batch(3, 1, 28, 28);
        var y = fit.Apply(x);
        Assert.Equal([3, .. wanted], y.Shape);
        Assert.Equal(x.Data, y.Data);
    }

    [Fact]
    public void Channels_last_inputs_are_transposed_value_for_value()
    {
        var fit = Fit(3, 4, 5, 4, 5, 3);
        Assert.Contains("channels-last", fit.Note);
        var x = Batch(2, 3, 4, 5);
        var y = fit.Apply(x);
        Assert.Equal([2, 4, 5, 3], y.Shape);
        for (int n = 0; n < 2; n++)
            for (int c = 0; c < 3; c++)
                for (int i = 0; i < 4; i++)
                    for (int j = 0; j < 5; j++)
                        Assert.Equal(x[((n * 3 + c) * 4 + i) * 5 + j], y[((n * 4 + i) * 5 + j) * 3 + c]);
        // A last, shorter batch reuses nothing it should not.
        var last = fit.Apply(Batch(1, 3, 4, 5));
        Assert.Equal([1, 4, 5, 3], last.Shape);
    }

    [Fact]
    public void Free_dims_are_settled_by_the_data()
    {
        Assert.Equal([3, 32, 32], Fit(3, 32, 32, 3, null, null).Shape);
        Assert.Equal([28, 28], Fit(1, 28, 28, null, null).Shape);
        Assert.Equal([784], Fit(1, 28, 28, [null]).Shape);
    }

    [Theory]
    [InlineData(3, 32, 32, new int[] { 0, 0 }, "cannot settle its free dims")]
    [InlineData(1, 10, 10, new int[] { 1, 28, 28 }, "but the data are 1×10×10 (100 values each)")]
    [InlineData(1, 28, 28, new int[] { 3, 28, 28 }, "add --channels 3")]
    public void Inputs_that_fit_no_way_fail_in_one_line_naming_the_model(int c, int h, int w, int[] wanted, string problem)
    {
        var e = Assert.Throws<LayerEntropyException>(() => Fit(c, h, w, [.. wanted.Select(d => d == 0 ? null : (int?)d)]));
        string message = SettingFlags.Describe(e);
        Assert.StartsWith("m.onnx: ", message);
        Assert.Contains(problem, message);
        Assert.DoesNotContain('\n', message);
    }
}
