using System.Buffers.Binary;
using System.Runtime.InteropServices;
using LayerEntropy.Tensors;

namespace LayerEntropy.Data;

/// <summary>
/// Reads NumPy .npy files (<see cref="NpyHeader"/>) of activations and of labels, in one pass after the header.
/// Activations are float32, float64 or float16 (widened or rounded to float32 as NumPy's <c>astype</c> does), with
/// one row per input: an M×N array, or a higher-rank one whose axes after the first are flattened in C order (a
/// conv map M×C×H×W gives M rows of C·H·W units). Labels are integers of 8 to 64 bits, shaped (M,) or (M, 1),
/// each in 0..65535. Fortran-order arrays are transposed to row-major, so values land where NumPy's own
/// <c>reshape(M, -1)</c> would put them.
/// </summary>
internal static class NpyReader
{
    public const int MaxLabel = ushort.MaxValue;

    /// <summary>The most classes labels may span: every class keeps accumulators for every tap.</summary>
    public const int MaxClasses = 4096;

    /// <summary>Past this many classes, labels must not skip more classes than they hold.</summary>
    private const int SparseFrom = 256;

    // Elements per read: large enough for throughput, small enough that a float64 file never needs a second full copy.
    private const int Chunk = 1 << 18;

    /// <summary>The inputs M and units N of an activations file, from its header alone (the data length is checked too).</summary>
    public static (int Inputs, int Units) ActivationShape(string path) => FileErrors.Guard(path, () =>
    {
        using var stream = Open(path);
        var (_, inputs, units) = ActivationHeader(stream, path);
        return (inputs, units);
    });

    public static TapActivations ReadActivations(string path, string name) => FileErrors.Guard(path, () =>
    {
        using var stream = Open(path);
        var (header, inputs, units) = ActivationHeader(stream, path);
        float[] values = ReadFloats(stream, header);
        if (header.FortranOrder) values = ToRowMajor(values, header.Shape);
        int bad = Array.FindIndex(values, v => !float.IsFinite(v));
        if (bad >= 0)
        {
            int inputsWithBad = Enumerable.Range(0, inputs).Count(x => HasNonFinite(values.AsSpan(x * units, units)));
            throw LayerEntropyException.ForFile(path, $"tap {name} has NaN or infinite activations for {inputsWithBad} input{(inputsWithBad == 1 ? "" : "s")} " +
                $"(the first: value {(float.IsNaN(values[bad]) ? "nan" : values[bad] > 0 ? "inf" : "-inf")} at input {bad / units}, unit {bad % units}" +
                (header.Dtype.Size == 8 ? " as float32)" : ")"));
        }
        return new TapActivations(name, inputs, units, values);
    });

    private static bool HasNonFinite(ReadOnlySpan<float> row)
    {
        foreach (float v in row)
            if (!float.IsFinite(v)) return true;
        return false;
    }

    /// <summary>Labels, each checked to be in 0..<see cref="MaxLabel"/>.</summary>
    public static int[] ReadLabels(string path) => FileErrors.Guard(path, () =>
    {
        using var stream = Open(path);
        var header = NpyHeader.Read(stream, path);
        if (!header.Dtype.IsInteger)
            throw LayerEntropyException.ForFile(path, $"labels must be integers, but the dtype is {header.Dtype}; save them with a.astype(np.int64)");
        if (header.Shape is not ([_] or [_, 1]))
            throw LayerEntropyException.ForFile(path, $"labels must have shape (M,) or (M, 1), not {header.ShapeText}");
        return ReadIntegers(stream, header, path);
    });

    /// <summary>
    /// The classes are 0..the largest label: refused at once when that is more than <see cref="MaxClasses"/>, or when
    /// past <see cref="SparseFrom"/> classes most of them would hold no input (labels numbered by another scheme).
    /// </summary>
    public static void CheckClassCount(int[] labels, string path)
    {
        if (labels.Length == 0) return;
        int classes = labels.Max() + 1;
        const string Renumber = "number the classes 0..K−1, e.g. np.unique(labels, return_inverse=True)[1]";
        if (classes > MaxClasses)
            throw LayerEntropyException.ForFile(path, $"the largest label is {classes - 1}, which makes {classes} classes, past the {MaxClasses} supported; {Renumber}");
        if (classes > SparseFrom)
        {
            int present = labels.Distinct().Count();
            if (classes - present > present)
                throw LayerEntropyException.ForFile(path, $"the labels span {classes} classes (0..{classes - 1}) but only {present} of them occur; {Renumber}");
        }
    }

    internal static FileStream Open(string path)
    {
        RegularFile.Check(path);
        return new(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
    }

    private static (NpyHeader Header, int Inputs, int Units) ActivationHeader(FileStream stream, string path)
    {
        var header = NpyHeader.Read(stream, path);
        if (!header.Dtype.IsFloat)
            throw LayerEntropyException.ForFile(path, $"activations must be float32 or float64, but the dtype is {header.Dtype}");
        long[] shape = header.Shape;
        if (shape.Length < 2)
            throw LayerEntropyException.ForFile(path, $"activations must be an M×N array (one row per input), not shape {header.ShapeText}" +
                (shape.Length == 1 ? "; save a single unit as a.reshape(-1, 1)" : ""));
        // The header check already bounds the element count by Array.MaxLength, so both factors fit an int.
        int inputs = (int)shape[0], units = (int)shape[1..].Aggregate(1L, (a, d) => a * d);
        if (inputs == 0) throw LayerEntropyException.ForFile(path, $"shape {header.ShapeText} holds no inputs");
        if (units == 0) throw LayerEntropyException.ForFile(path, $"shape {header.ShapeText} holds no units");
        return (header, inputs, units);
    }

    /// <summary>The data of a float64 file, exactly as stored (no rounding).</summary>
    internal static double[] ReadDoubles(Stream stream, NpyHeader header)
    {
        var values = new double[header.Elements];
        for (int at = 0; at < values.Length; at += Chunk)
        {
            var part = values.AsSpan(at, Math.Min(Chunk, values.Length - at));
            stream.ReadExactly(MemoryMarshal.AsBytes(part));
            if (!BitConverter.IsLittleEndian) BinaryPrimitives.ReverseEndianness(MemoryMarshal.Cast<double, long>(part), MemoryMarshal.Cast<double, long>(part));
        }
        return values;
    }

    internal static float[] ReadFloats(Stream stream, NpyHeader header)
    {
        var values = new float[header.Elements];
        if (header.Dtype.Size == 4)
        {
            for (int at = 0; at < values.Length; at += Chunk)
            {
                var part = values.AsSpan(at, Math.Min(Chunk, values.Length - at));
                stream.ReadExactly(MemoryMarshal.AsBytes(part));
                if (!BitConverter.IsLittleEndian) BinaryPrimitives.ReverseEndianness(MemoryMarshal.Cast<float, int>(part), MemoryMarshal.Cast<float, int>(part));
            }
            return values;
        }
        int size = header.Dtype.Size;
        var buffer = new byte[Chunk * size];
        for (int at = 0; at < values.Length; at += Chunk)
        {
            int count = Math.Min(Chunk, values.Length - at);
            var bytes = buffer.AsSpan(0, count * size);
            stream.ReadExactly(bytes);
            var part = values.AsSpan(at, count);
            // The casts round to nearest even, exactly as NumPy's astype(np.float32) does (float16 widens exactly).
            if (size == 8)
                for (int i = 0; i < count; i++) part[i] = (float)BinaryPrimitives.ReadDoubleLittleEndian(bytes[(8 * i)..]);
            else
                for (int i = 0; i < count; i++) part[i] = (float)BinaryPrimitives.ReadHalfLittleEndian(bytes[(2 * i)..]);
        }
        return values;
    }

    private static int[] ReadIntegers(Stream stream, NpyHeader header, string path)
    {
        var labels = new int[header.Elements];
        var (size, signed) = (header.Dtype.Size, header.Dtype.Kind == 'i');
        var buffer = new byte[Chunk * size];
        for (int at = 0; at < labels.Length; at += Chunk)
        {
            int count = Math.Min(Chunk, labels.Length - at);
            var bytes = buffer.AsSpan(0, count * size);
            stream.ReadExactly(bytes);
            for (int i = 0; i < count; i++)
            {
                var b = bytes[(size * i)..];
                // uint64 values past long.MaxValue read as negative, which the range check rejects just the same.
                long value = (size, signed) switch
                {
                    (1, true) => (sbyte)b[0],
                    (1, false) => b[0],
                    (2, true) => BinaryPrimitives.ReadInt16LittleEndian(b),
                    (2, false) => BinaryPrimitives.ReadUInt16LittleEndian(b),
                    (4, true) => BinaryPrimitives.ReadInt32LittleEndian(b),
                    (4, false) => BinaryPrimitives.ReadUInt32LittleEndian(b),
                    _ => BinaryPrimitives.ReadInt64LittleEndian(b),
                };
                if (value is < 0 or > MaxLabel)
                    throw LayerEntropyException.ForFile(path, $"label {(size == 8 && !signed ? (ulong)value : value)} at index {at + i} is out of range 0-{MaxLabel}");
                labels[at + i] = (int)value;
            }
        }
        return labels;
    }

    /// <summary>
    /// Fortran order stores the first index fastest. Gathers the C-order positions
    /// from the Fortran strides 1, d0, d0·d1, ...
    /// </summary>
    internal static T[] ToRowMajor<T>(T[] fortran, long[] shape)
    {
        var result = new T[fortran.Length];
        if (result.Length == 0) return result;
        // Every extent and stride is at most the array's length, which is an int.
        int[] size = [.. shape.Select(d => (int)d)];
        var stride = new int[size.Length];
        for (int d = 0, s = 1; d < size.Length; d++) { stride[d] = s; s *= size[d]; }
        StridedGather.Copy<T>(fortran, size, stride, result);
        return result;
    }
}
