using System.Runtime.InteropServices;
using LayerEntropy.Data;

namespace LayerEntropy.Tests.Data;

/// <summary>Files NumPy wrote, read back bit for bit; every kind of bad file is one message naming the file and the problem.</summary>
public class NpyReaderTests(NumpyFiles numpy) : IClassFixture<NumpyFiles>
{
    [Theory]
    [InlineData("f4_v1", 1, 6, 5)]
    [InlineData("f4_v2", 2, 6, 5)]
    [InlineData("f4_v3", 3, 6, 5)]
    [InlineData("f8", 1, 4, 6)]
    [InlineData("f2", 1, 3, 4)]
    [InlineData("fortran_2d", 1, 5, 7)]
    [InlineData("c_4d", 1, 3, 40)]
    [InlineData("fortran_4d", 1, 3, 40)]
    [InlineData("fortran_3d_f8", 2, 4, 6)]
    public void ActivationsMatchNumpyBitForBit(string name, int version, int inputs, int units)
    {
        string path = numpy.Npy(name);
        Assert.Equal(version, File.ReadAllBytes(path)[6]);
        var tap = NpyReader.ReadActivations(path, "t");
        Assert.Equal(("t", inputs, units), (tap.Name, tap.Inputs, tap.Units));
        Assert.Equal(numpy.Expected(name), MemoryMarshal.AsBytes(tap.Values.AsSpan()).ToArray());
        Assert.Equal((inputs, units), NpyReader.ActivationShape(path));
    }

    [Fact]
    public void Float64RoundsToNearestEven()
    {
        var values = NpyReader.ReadActivations(numpy.Npy("f8"), "t").Values;
        Assert.Equal(1f, values[0]);
        Assert.Equal(BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(1f) + 2), values[1]);
        Assert.True(float.IsSubnormal(values[3]));
    }

    [Theory]
    [InlineData("labels_i4")]
    [InlineData("labels_i8")]
    [InlineData("labels_u1")]
    [InlineData("labels_i1")]
    [InlineData("labels_i2")]
    [InlineData("labels_u2")]
    [InlineData("labels_u4")]
    [InlineData("labels_u8")]
    [InlineData("labels_column")]
    [InlineData("labels_v3")]
    public void LabelsMatchNumpy(string name)
    {
        int[] labels = NpyReader.ReadLabels(numpy.Npy(name));
        Assert.Equal(numpy.Expected(name), MemoryMarshal.AsBytes(labels.AsSpan()).ToArray());
    }

    [Fact]
    public void LittleEndianUint8LabelsAreReadLikeNumpysOwnSpelling()
    {
        string path = numpy.Handmade("{'descr': '<u1', 'fortran_order': False, 'shape': (3,), }\n", [2, 0, 255]);
        Assert.Equal([2, 0, 255], NpyReader.ReadLabels(path));
    }

    [Theory]
    [InlineData("{\"descr\":\"<f4\",\"fortran_order\":False,\"shape\":(2,3)}")]
    [InlineData("{ 'shape' : ( 2 , 3 , ) ,\n 'fortran_order' : False , 'descr' : '<f4' , }   \n")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (2L, 3L), }")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': [2, 3]}")]
    public void HeaderSpellingIsTolerated(string header)
    {
        float[] data = [1, 2, 3, 4, 5, 6];
        var tap = NpyReader.ReadActivations(numpy.Handmade(header, MemoryMarshal.AsBytes(data.AsSpan()).ToArray()), "t");
        Assert.Equal((2, 3), (tap.Inputs, tap.Units));
        Assert.Equal(data, tap.Values);
    }

    [Fact]
    public void FortranOrderMatchesANaiveTransposeForAwkwardShapes()
    {
        var random = new Random(5);
        foreach (long[] shape in new long[][] { [1, 1], [1, 7], [7, 1], [3, 5], [2, 3, 4], [3, 1, 2, 5], [2, 2, 2, 2, 3] })
        {
            int count = (int)shape.Aggregate(1L, (a, d) => a * d);
            float[] fortran = Enumerable.Range(0, count).Select(_ => random.NextSingle()).ToArray();
            float[] expected = new float[count];
            for (int c = 0; c < count; c++)
            {
                // Split the C-order position into indices, then place them with Fortran strides.
                long rest = c, f = 0, stride = 1;
                var index = new long[shape.Length];
                for (int d = shape.Length - 1; d >= 0; d--) { index[d] = rest % shape[d]; rest /= shape[d]; }
                for (int d = 0; d < shape.Length; d++) { f += index[d] * stride; stride *= shape[d]; }
                expected[c] = fortran[f];
            }
            Assert.Equal(expected, NpyReader.ToRowMajor(fortran, shape));
        }
    }
}
