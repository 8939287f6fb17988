using System.Runtime.InteropServices;
using LayerEntropy.Data;

namespace LayerEntropy.Tests.Data;

/// <summary>Inputs and labels saved by NumPy read as datasets in CHW order, whatever the array's layout.</summary>
public class NpyInputsTests(NumpyFiles numpy) : IClassFixture<NumpyFiles>
{
    [Theory]
    [InlineData("inputs_u1_nchw", "nchw")]
    [InlineData("inputs_u1_nhwc", "nhwc")]
    public void Uint8ImagesInEitherLayoutGiveTheSameDataset(string name, string layout)
    {
        Dataset data = NpyInputs.Read(numpy.Npy(name), numpy.Npy("inputs_labels5"), Enum.Parse<InputLayout>(layout, ignoreCase: true));
        Assert.Equal((name, DatasetSplit.Given), (data.Name, data.Split));
        Assert.Equal((5, 3, 4, 6), (data.Count, data.Channels, data.Height, data.Width));
        Assert.Null(data.Values);
        Assert.Equal(numpy.Expected("inputs_u1_nchw"), data.Pixels);
        Assert.Equal(numpy.Expected(name), data.Pixels);
        Assert.Equal([0, 1, 1, 0, 1], data.Labels.Select(l => (int)l));
        Assert.Equal(["0", "1"], data.ClassNames);
    }

    [Theory]
    [InlineData("inputs_f4_nchw", "nchw")]
    [InlineData("inputs_f4_nhwc", "nhwc")]
    [InlineData("inputs_f4_nhwc_fortran", "nhwc")]
    public void Float32ImagesInEitherLayoutGiveTheSameDataset(string name, string layout)
    {
        Dataset data = NpyInputs.Read(numpy.Npy(name), numpy.Npy("inputs_labels4"), Enum.Parse<InputLayout>(layout, ignoreCase: true));
        Assert.Equal((4, 2, 3, 5), (data.Count, data.Channels, data.Height, data.Width));
        Assert.NotNull(data.Values);
        Assert.Equal(numpy.Expected("inputs_f4_nchw"), MemoryMarshal.AsBytes(data.Values.AsSpan()).ToArray());
        Assert.Equal(numpy.Expected(name), MemoryMarshal.AsBytes(data.Values.AsSpan()).ToArray());
        // Labels 2, 0, 5, 2: six classes, the unused ones included.
        Assert.Equal(["0", "1", "2", "3", "4", "5"], data.ClassNames);
        Assert.Equal([2, 0, 5, 2], data.Labels.Select(l => (int)l));
    }

    [Fact]
    public void FlatAndPlaneInputsAreOneChannel()
    {
        Dataset flat = NpyInputs.Read(numpy.Npy("inputs_u1_flat"), numpy.Npy("inputs_labels6"), InputLayout.Nhwc);
        Assert.Equal((6, 1, 1, 10), (flat.Count, flat.Channels, flat.Height, flat.Width));
        Assert.Equal(numpy.Expected("inputs_u1_flat"), flat.Pixels);
        Assert.Equal(4, flat.ClassNames.Count);

        Dataset planes = NpyInputs.Read(numpy.Npy("inputs_f4_hw"), numpy.Npy("inputs_labels3"), InputLayout.Nhwc);
        Assert.Equal((3, 1, 4, 5), (planes.Count, planes.Channels, planes.Height, planes.Width));
        Assert.Equal(numpy.Expected("inputs_f4_hw"), MemoryMarshal.AsBytes(planes.Values.AsSpan()).ToArray());
    }

    [Fact]
    public void CountsMustAgree()
    {
        string inputs = numpy.Npy("inputs_f4_nchw"), labels = numpy.Npy("inputs_labels5");
        Fails(() => NpyInputs.Read(inputs, labels, InputLayout.Nchw), labels, $"holds 5 labels but {inputs} holds 4 inputs");
    }

    [Theory]
    [InlineData("bad_inputs_f8", "inputs must be uint8 or float32, but the dtype is '<f8' (float64); save them with a.astype(np.float32)")]
    [InlineData("bad_inputs_i4", "inputs must be uint8 or float32, but the dtype is '<i4' (int32)")]
    [InlineData("bad_inputs_vector", "inputs must have shape (M, D), (M, H, W) or 4-D (M, C, H, W) / (M, H, W, C), not (5,)")]
    [InlineData("bad_inputs_rank5", "not (2, 1, 2, 2, 2)")]
    [InlineData("bad_inputs_empty", "shape (0, 4) holds no inputs")]
    [InlineData("bad_inputs_nan", "input 1 holds the non-finite value NaN (at element 1 of its C·H·W)")]
    [InlineData("bad_big_endian", "big-endian dtype '>f4' is not supported")]
    public void BadInputFiles(string name, string problem)
    {
        string path = numpy.Npy(name);
        Fails(() => NpyInputs.Read(path, numpy.Npy("inputs_labels3"), InputLayout.Nchw), path, problem);
    }

    [Theory]
    [InlineData("bad_negative_label", "label -1 at index 2 is out of range 0-65535")]
    [InlineData("bad_labels_300", "label 300 at index 1 is past 255; at most 256 classes are supported")]
    [InlineData("bad_float_labels", "labels must be integers")]
    public void BadLabelFiles(string name, string problem)
    {
        string path = numpy.Npy(name);
        Fails(() => NpyInputs.Read(numpy.Npy("inputs_f4_hw"), path, InputLayout.Nchw), path, problem);
    }

    [Fact]
    public void MissingFilesAreNamed()
    {
        string missing = numpy.Npy("no_such_inputs");
        Fails(() => NpyInputs.Read(missing, numpy.Npy("inputs_labels3"), InputLayout.Nchw), missing, "file not found");
    }

    private static void Fails(Action read, string path, string problem)
    {
        var e = Assert.Throws<LayerEntropyException>(read);
        Assert.StartsWith(path + ": ", e.Message);
        Assert.True(e.Message.Contains(problem, StringComparison.Ordinal), $"expected \"{problem}\" in:\n{e.Message}");
        Assert.DoesNotContain('\n', e.Message);
    }
}
