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

    /// <summary>Whether <paramref name="t"/> holds floating-point values (FLOAT or DOUBLE), as opposed to integers.</summary>
    public static bool IsFloat(TensorProto t) => t.DataType is (int)TensorProto.Types.DataType.Float or (int)TensorProto.Types.DataType.Double;

    /// <summary>Reads a FLOAT tensor, or a DOUBLE one rounded to float, from raw_data, float_data or double_data.</summary>
    public static float[] ToFloats(TensorProto t, string path)
    {
        RequireInline(t, path);
        bool isDouble = t.DataType == (int)TensorProto.Types.DataType.Double;
        if (t.DataType != (int)TensorProto.Types.DataType.Float && !isDouble)
            throw Bad(t, path, $"has element type {(TensorProto.Types.DataType)t.DataType}, expected FLOAT");
        int count = Count(t, path), size = isDouble ? 8 : 4;
        if (t.RawData.Length > 0)
        {
            if (t.RawData.Length != (long)size * count) throw Bad(t, path, $"has {t.RawData.Length} bytes of raw data, its dims need {(long)size * count}");
            var values = new float[count];
            ReadOnlySpan<byte> bytes = t.RawData.Span;
            if (isDouble) for (int i = 0; i < count; i++) values[i] = (float)BinaryPrimitives.ReadDoubleLittleEndian(bytes[(8 * i)..]);
            else if (BitConverter.IsLittleEndian) bytes.CopyTo(MemoryMarshal.AsBytes(values.AsSpan()));
            else for (int i = 0; i < count; i++) values[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes[(4 * i)..]);
            return values;
        }
        int held = isDouble ? t.DoubleData.Count : t.FloatData.Count;
        if (held != count) throw Bad(t, path, $"holds {held} values, its dims need {count}");
        return isDouble ? [.. t.DoubleData.Select(v => (float)v)] : [.. t.FloatData];
    }

    /// <summary>Reads an integer tensor (INT64 from raw_data or int64_data; INT32, INT16, INT8, UINT8, BOOL from raw_data or int32_data).</summary>
    public static long[] ToLongs(TensorProto t, string path)
    {
        RequireInline(t, path);
        int count = Count(t, path);
        var type = (TensorProto.Types.DataType)t.DataType;
        int size = type switch
        {
            TensorProto.Types.DataType.Int64 => 8,
            TensorProto.Types.DataType.Int32 => 4,
            TensorProto.Types.DataType.Int16 => 2,
            TensorProto.Types.DataType.Int8 or TensorProto.Types.DataType.Uint8 or TensorProto.Types.DataType.Bool => 1,
            _ => throw Bad(t, path, $"has element type {type}, expected INT64"),
        };
        if (t.RawData.Length > 0)
        {
            if (t.RawData.Length != (long)size * count) throw Bad(t, path, $"has {t.RawData.Length} bytes of raw data, its dims need {(long)size * count}");
            ReadOnlySpan<byte> b = t.RawData.Span;
            var longs = new long[count];
            for (int i = 0; i < count; i++)
                longs[i] = size switch
                {
                    8 => BinaryPrimitives.ReadInt64LittleEndian(b[(8 * i)..]),
                    4 => BinaryPrimitives.ReadInt32LittleEndian(b[(4 * i)..]),
                    2 => BinaryPrimitives.ReadInt16LittleEndian(b[(2 * i)..]),
                    _ => type == TensorProto.Types.DataType.Int8 ? (sbyte)b[i] : b[i],
                };
            return longs;
        }
        long[] values = size == 8 ? [.. t.Int64Data] : [.. t.Int32Data.Select(v => (long)v)];
        if (values.Length != count) throw Bad(t, path, $"holds {values.Length} values, its dims need {count}");
        return values;
    }

    public static TensorProto FromLongs(string name, IEnumerable<long> dims, long[] values)
    {
        var t = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Int64 };
        t.Dims.Add(dims);
        t.Int64Data.Add(values);
        return t;
    }

    /// <summary>Refuses a tensor whose values live in a separate file beside the model.</summary>
    public static void RequireInline(TensorProto t, string path)
    {
        if (t.DataLocation == TensorProto.Types.DataLocation.External || t.ExternalData.Count > 0)
            throw Bad(t, path, "is stored in an external data file; save the model with its weights inside (e.g. onnx.save(model, path, save_as_external_data=False))");
    }

    private static ByteString ToBytes(ReadOnlySpan<float> values)
    {
        if (BitConverter.IsLittleEndian) return ByteString.CopyFrom(MemoryMarshal.AsBytes(values));
        var bytes = new byte[4 * values.Length];
        for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(4 * i), values[i]);
        return ByteString.CopyFrom(bytes);
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
