using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Google.Protobuf;
using LayerEntropy.Onnx.Proto;

namespace LayerEntropy.Onnx;

/// <summary>Converts between ONNX TensorProto and plain arrays. ONNX stores raw_data little-endian, whatever the machine.</summary>
internal static class OnnxTensors
{
    public static TensorProto FromFloats(string name, ReadOnlySpan<int> shape, ReadOnlySpan<float> values)
    {
        var t = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float, RawData = ToBytes(values) };
        foreach (int d in shape) t.Dims.Add(d);
        return t;
    }

    /// <summary>The dims of <paramref name="t"/> as ints, or null when one does not fit.</summary>
    public static int[]? Shape(TensorProto t) =>
        t.Dims.All(d => d >= 0 && d <= int.MaxValue) ? [.. t.Dims.Select(d => (int)d)] : null;

    public static float[] ToFloats(TensorProto t, string path)
    {
        RequireInline(t, path);
        if (t.DataType != (int)TensorProto.Types.DataType.Float)
            throw Bad(t, path, $"has element type {(TensorProto.Types.DataType)t.DataType}, expected FLOAT");
        int count = Count(t, path);
        if (t.RawData.Length > 0)
        {
            if (t.RawData.Length != 4L * count) throw Bad(t, path, $"has {t.RawData.Length} bytes of raw data, its dims need {4L * count}");
            var values = new float[count];
            ReadOnlySpan<byte> bytes = t.RawData.Span;
            if (BitConverter.IsLittleEndian) bytes.CopyTo(MemoryMarshal.AsBytes(values.AsSpan()));
            else for (int i = 0; i < count; i++) values[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes[(4 * i)..]);
            return values;
        }
        if (t.FloatData.Count != count) throw Bad(t, path, $"holds {t.FloatData.Count} values, its dims need {count}");
        return [.. t.FloatData];
    }

    /// <summary>Reads an INT64 or INT32 tensor (shape operands of Reshape).</summary>
    public static long[] ToLongs(TensorProto t, string path)
    {
        RequireInline(t, path);
        int count = Count(t, path);
        var type = (TensorProto.Types.DataType)t.DataType;
        int size = type switch { TensorProto.Types.DataType.Int64 => 8, TensorProto.Types.DataType.Int32 => 4, _ => throw Bad(t, path, $"has element type {type}, expected INT64") };
        if (t.RawData.Length > 0)
        {
            if (t.RawData.Length != (long)size * count) throw Bad(t, path, $"has {t.RawData.Length} bytes of raw data, its dims need {(long)size * count}");
            ReadOnlySpan<byte> b = t.RawData.Span;
            var longs = new long[count];
            for (int i = 0; i < count; i++)
                longs[i] = size == 8 ? BinaryPrimitives.ReadInt64LittleEndian(b[(8 * i)..]) : BinaryPrimitives.ReadInt32LittleEndian(b[(4 * i)..]);
            return longs;
        }
        long[] values = size == 8 ? [.. t.Int64Data] : [.. t.Int32Data.Select(v => (long)v)];
        if (values.Length != count) throw Bad(t, path, $"holds {values.Length} values, its dims need {count}");
        return values;
    }

    private static ByteString ToBytes(ReadOnlySpan<float> values)
    {
        if (BitConverter.IsLittleEndian) return ByteString.CopyFrom(MemoryMarshal.AsBytes(values));
        var bytes = new byte[4 * values.Length];
        for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(4 * i), values[i]);
        return ByteString.CopyFrom(bytes);
    }

    private static void RequireInline(TensorProto t, string path)
    {
        if (t.DataLocation == TensorProto.Types.DataLocation.External || t.ExternalData.Count > 0)
            throw Bad(t, path, "keeps its values in an external data file, which is not supported");
    }

    private static int Count(TensorProto t, string path)
    {
        long n = 1;
        foreach (long d in t.Dims)
        {
            if (d < 0) throw Bad(t, path, "has a negative dimension");
            if (d > Array.MaxLength) throw Bad(t, path, "is too large");
            n *= d;
            if (n > Array.MaxLength) throw Bad(t, path, "is too large");
        }
        return (int)n;
    }

    private static LayerEntropyException Bad(TensorProto t, string path, string problem) =>
        LayerEntropyException.ForFile(path, $"tensor '{t.Name}' {problem}");
}
