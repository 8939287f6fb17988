using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace LayerEntropy.Onnx;

/// <summary>
/// The binary layout of a training state file (all integers and floats little-endian):
/// <code>
/// magic     8 bytes  "LESTATE" 0x1A
/// version   uint32   1
/// header    uint32 byte count, then UTF-8 JSON {"optimizer": kind, "settings": {name: number}, "steps": n, "info": {key: text}}
/// arrays    uint32 count, then per array: uint32 length, length × float32
/// </code>
/// Nothing may follow the last array, so a file cut short or padded is recognised.
/// </summary>
internal static class TrainingStateCodec
{
    public const uint Version = 1;
    private static ReadOnlySpan<byte> Magic => "LESTATE\u001a"u8;

    public static void Write(Stream stream, TrainingStateHeader header, IReadOnlyList<float[]> arrays)
    {
        using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
        writer.Write(Version);
        byte[] json = Json(header);
        writer.Write((uint)json.Length);
        writer.Write(json);
        writer.Write((uint)arrays.Count);
        foreach (var array in arrays)
        {
            writer.Write((uint)array.Length);
            var bytes = new byte[4 * array.Length];
            if (BitConverter.IsLittleEndian) MemoryMarshal.AsBytes(array.AsSpan()).CopyTo(bytes);
            else for (int i = 0; i < array.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(4 * i), array[i]);
            writer.Write(bytes);
        }
    }

    public static (TrainingStateHeader Header, float[][] Arrays) Read(byte[] data, string path, bool headerOnly = false)
    {
        int at = 0;
        ReadOnlySpan<byte> Take(int count, string what)
        {
            if (count < 0 || data.Length - at < count)
                throw LayerEntropyException.ForFile(path, $"training state file is truncated: {what} needs {count} bytes at offset {at}, the file has {data.Length - at} left");
            var span = data.AsSpan(at, count);
            at += count;
            return span;
        }
        int Count(string what) => (int)Math.Min(BinaryPrimitives.ReadUInt32LittleEndian(Take(4, what)), int.MaxValue);

        if (data.Length < Magic.Length || !data.AsSpan(0, Magic.Length).SequenceEqual(Magic))
            throw LayerEntropyException.ForFile(path, "not a training state file (its first bytes are not \"LESTATE\")");
        at = Magic.Length;
        uint version = BinaryPrimitives.ReadUInt32LittleEndian(Take(4, "the format version"));
        if (version != Version) throw LayerEntropyException.ForFile(path, $"training state format version {version} is not supported (this build reads {Version})");
        var header = Header(Take(Count("the header length"), "the header"), path);
        if (headerOnly) return (header, []);
        var arrays = new float[Count("the array count")][];
        for (int i = 0; i < arrays.Length; i++)
        {
            int length = Count($"the length of array {i}");
            var bytes = Take(length > int.MaxValue / 4 ? -1 : 4 * length, $"array {i}");
            arrays[i] = new float[length];
            for (int j = 0; j < length; j++) arrays[i][j] = BinaryPrimitives.ReadSingleLittleEndian(bytes[(4 * j)..]);
        }
        if (at != data.Length) throw LayerEntropyException.ForFile(path, $"training state file has {data.Length - at} unexpected bytes after its last array");
        return (header, arrays);
    }

    private static byte[] Json(TrainingStateHeader header)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("optimizer", header.OptimizerKind);
            json.WriteStartObject("settings");
            foreach (var (name, value) in header.Settings) json.WriteNumber(name, value);
            json.WriteEndObject();
            json.WriteNumber("steps", header.Steps);
            json.WriteStartObject("info");
            foreach (var (key, value) in header.Info) json.WriteString(key, value);
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private static TrainingStateHeader Header(ReadOnlySpan<byte> utf8, string path)
    {
        try
        {
            using var doc = JsonDocument.Parse(utf8.ToArray());
            var root = doc.RootElement;
            var settings = root.GetProperty("settings").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble(), StringComparer.Ordinal);
            var info = root.GetProperty("info").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "", StringComparer.Ordinal);
            return new TrainingStateHeader(root.GetProperty("optimizer").GetString() ?? "", settings, root.GetProperty("steps").GetInt64(), info);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or ArgumentException)
        {
            throw LayerEntropyException.ForFile(path, $"training state header is not valid: {e.Message}", e);
        }
    }
}
