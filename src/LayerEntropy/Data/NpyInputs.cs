using LayerEntropy.Tensors;

namespace LayerEntropy.Data;

/// <summary>
/// Reads a user's inputs and labels saved with NumPy (<see cref="NpyHeader"/>): inputs of dtype uint8 or float32
/// shaped M×D (flat vectors: 1 channel, height 1, width D), M×H×W (1 channel) or 4-D in the given
/// <see cref="InputLayout"/>, channels-last arrays moved into the CHW order datasets store; labels an integer array of
/// M values in 0..255 (<see cref="NpyReader.ReadLabels"/>). The classes are "0".."K−1" for K = the largest label + 1.
/// Fortran-order arrays are read as NumPy's C-order view of them.
/// </summary>
internal static class NpyInputs
{
    public static Dataset Read(string inputsPath, string labelsPath, InputLayout layout)
    {
        var (count, channels, height, width, bytes, values, hwc) = FileErrors.Guard(inputsPath, () => ReadInputs(inputsPath, layout));
        int[] labels = NpyReader.ReadLabels(labelsPath);
        if (labels.Length != count)
            throw LayerEntropyException.ForFile(labelsPath, $"holds {labels.Length} labels but {inputsPath} holds {count} inputs");
        int bad = Array.FindIndex(labels, l => l > byte.MaxValue);
        if (bad >= 0)
            throw LayerEntropyException.ForFile(labelsPath, $"label {labels[bad]} at index {bad} is past 255; at most 256 classes are supported");
        int classes = labels.Max() + 1;
        string[] classNames = Enumerable.Range(0, classes).Select(c => c.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        byte[] labelBytes = labels.Select(l => (byte)l).ToArray();
        string name = Path.GetFileNameWithoutExtension(inputsPath);
        int length = channels * height * width;

        if (values is not null)
        {
            if (hwc) values = Planar(values, count, length, channels);
            int nonFinite = FloatConvert.FirstNonFinite(values);
            if (nonFinite >= 0)
                throw LayerEntropyException.ForFile(inputsPath, $"input {nonFinite / length} holds the non-finite value {values[nonFinite]} (at element {nonFinite % length} of its C·H·W)");
            return Dataset.FromValues(name, DatasetSplit.Given, channels, height, width, classNames, values, labelBytes);
        }
        if (hwc) bytes = Planar(bytes!, count, length, channels);
        return new Dataset(name, DatasetSplit.Given, channels, height, width, classNames, bytes!, labelBytes);
    }

    private static (int Count, int Channels, int Height, int Width, byte[]? Bytes, float[]? Values, bool Hwc) ReadInputs(string path, InputLayout layout)
    {
        using var stream = NpyReader.Open(path);
        var header = NpyHeader.Read(stream, path);
        bool uint8 = header.Dtype is { Kind: 'u', Size: 1 }, float32 = header.Dtype is { Kind: 'f', Size: 4 };
        if (!uint8 && !float32)
            throw LayerEntropyException.ForFile(path, $"inputs must be uint8 or float32, but the dtype is {header.Dtype}; save them with a.astype(np.float32)");
        long[] s = header.Shape;
        // The header check bounds the element count by Array.MaxLength, so every dimension fits an int.
        var (channels, height, width, hwc) = (s.Length, layout) switch
        {
            (2, _) => (1L, 1L, s[1], false),
            (3, _) => (1L, s[1], s[2], false),
            (4, InputLayout.Nchw) => (s[1], s[2], s[3], false),
            (4, InputLayout.Nhwc) => (s[3], s[1], s[2], true),
            _ => throw LayerEntropyException.ForFile(path, $"inputs must have shape (M, D), (M, H, W) or 4-D (M, C, H, W) / (M, H, W, C), not {header.ShapeText}"),
        };
        if (s[0] == 0) throw LayerEntropyException.ForFile(path, $"shape {header.ShapeText} holds no inputs");
        if (s.Contains(0)) throw LayerEntropyException.ForFile(path, $"shape {header.ShapeText} holds empty inputs");

        if (float32)
        {
            float[] values = NpyReader.ReadFloats(stream, header);
            if (header.FortranOrder) values = NpyReader.ToRowMajor(values, s);
            return ((int)s[0], (int)channels, (int)height, (int)width, null, values, hwc);
        }
        var bytes = new byte[header.Elements];
        stream.ReadExactly(bytes);
        if (header.FortranOrder) bytes = NpyReader.ToRowMajor(bytes, s);
        return ((int)s[0], (int)channels, (int)height, (int)width, bytes, null, hwc);
    }

    private static T[] Planar<T>(T[] interleaved, int count, int length, int channels)
    {
        var planar = new T[interleaved.Length];
        for (int i = 0; i < count; i++)
            ChannelLayout.ToPlanar<T>(interleaved.AsSpan(i * length, length), planar.AsSpan(i * length, length), channels);
        return planar;
    }
}
