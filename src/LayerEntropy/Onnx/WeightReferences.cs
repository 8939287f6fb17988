namespace LayerEntropy.Onnx;

/// <summary>
/// A model file re-encoded so that its large weights stay in the file: each initializer whose raw_data is large is
/// written as external data that points back into the model file itself (location = the file, offset and length =
/// where its raw_data lies), everything else is copied as it is. ONNX Runtime then reads (or maps) each weight from
/// the file once, instead of parsing a copy of the whole file held in memory and copying every weight out of it,
/// which for a VGG's half a gigabyte of weights would triple the memory the model takes. The walk reads protobuf's
/// wire format directly (ModelProto.graph = 7, GraphProto.initializer = 5, TensorProto.raw_data = 9) and seeks past
/// every payload it does not copy, so the weights are never read here.
/// </summary>
internal static class WeightReferences
{
    /// <summary>Raw data at least this long is left in the file; smaller tensors are copied inline.</summary>
    public const int Threshold = 64 << 10;

    private const int ModelGraph = 7, GraphInitializer = 5, TensorRawData = 9, TensorExternalData = 13, TensorDataLocation = 14;
    private const int Varint = 0, Fixed64 = 1, LengthDelimited = 2, Fixed32 = 5;

    /// <summary>The model file's encoding with its large weights as references into itself; null when it has none.</summary>
    /// <exception cref="InvalidDataException">The file is not a well-formed protobuf encoding.</exception>
    public static byte[]? Encode(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        var reader = new Reader(file, Path.GetFileName(path));
        var model = new MemoryStream();
        reader.Copy(0, file.Length, model, (field, start, length, target) =>
        {
            if (field != ModelGraph) return false;
            var graph = new MemoryStream();
            reader.Copy(start, length, graph, (f, s, l, t) => f == GraphInitializer && reader.Initializer(s, l, t));
            Reader.Field(target, ModelGraph, graph.ToArray());
            return true;
        });
        return reader.Referenced ? model.ToArray() : null;
    }

    private sealed class Reader(FileStream file, string name)
    {
        /// <summary>Whether any weight was left in the file.</summary>
        public bool Referenced { get; private set; }

        /// <summary>
        /// Copies the fields in [start, start + length) to <paramref name="target"/>, except length-delimited ones that
        /// <paramref name="rewrite"/> writes itself (it returns true for those).
        /// </summary>
        public void Copy(long start, long length, Stream target, Func<int, long, long, Stream, bool> rewrite)
        {
            long end = start + length;
            file.Position = start;
            while (file.Position < end)
            {
                long at = file.Position;
                ulong key = ReadVarint();
                int field = (int)(key >> 3), type = (int)(key & 7);
                long payload = type switch
                {
                    Varint => Skip(() => ReadVarint()),
                    Fixed64 => 8,
                    Fixed32 => 4,
                    LengthDelimited => (long)ReadVarint(),
                    _ => throw new InvalidDataException($"wire type {type} at byte {at}"),
                };
                long data = file.Position;
                if (type == Varint) data = file.Position - payload;
                if (data + (type == Varint ? payload : payload) > end) throw new InvalidDataException($"a field at byte {at} runs past its message");
                if (type == LengthDelimited && rewrite(field, data, payload, target))
                {
                    file.Position = data + payload;
                    continue;
                }
                long fieldEnd = type == Varint ? file.Position : data + payload;
                CopyBytes(at, fieldEnd - at, target);
                file.Position = fieldEnd;
            }
        }

        /// <summary>Writes a TensorProto whose large raw_data becomes a reference into the file; false leaves it to be copied.</summary>
        public bool Initializer(long start, long length, Stream target)
        {
            // First find raw_data and whether the tensor is external already; then write it.
            long raw = -1, rawLength = 0;
            bool external = false;
            file.Position = start;
            while (file.Position < start + length)
            {
                ulong key = ReadVarint();
                int field = (int)(key >> 3), type = (int)(key & 7);
                if (type == Varint)
                {
                    ulong value = ReadVarint();
                    external |= field == TensorDataLocation && value == 1;
                }
                else if (type == LengthDelimited)
                {
                    long l = (long)ReadVarint();
                    if (field == TensorRawData) (raw, rawLength) = (file.Position, l);
                    file.Position += l;
                }
                else if (type is Fixed64 or Fixed32) file.Position += type == Fixed64 ? 8 : 4;
                else throw new InvalidDataException($"wire type {type} in a tensor at byte {start}");
            }
            if (external || raw < 0 || rawLength < Threshold) return false;
            var tensor = new MemoryStream();
            Copy(start, length, tensor, (field, _, _, _) => field == TensorRawData);
            foreach (var (k, v) in new[] { ("location", name), ("offset", raw.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                ("length", rawLength.ToString(System.Globalization.CultureInfo.InvariantCulture)) })
            {
                var entry = new MemoryStream();
                Field(entry, 1, System.Text.Encoding.UTF8.GetBytes(k));
                Field(entry, 2, System.Text.Encoding.UTF8.GetBytes(v));
                Field(tensor, TensorExternalData, entry.ToArray());
            }
            WriteVarint(tensor, (TensorDataLocation << 3) | Varint);
            WriteVarint(tensor, 1);
            Field(target, GraphInitializer, tensor.ToArray());
            Referenced = true;
            return true;
        }

        public static void Field(Stream target, int field, byte[] payload)
        {
            WriteVarint(target, ((ulong)field << 3) | LengthDelimited);
            WriteVarint(target, (ulong)payload.Length);
            target.Write(payload);
        }

        private long Skip(Func<ulong> read)
        {
            long before = file.Position;
            read();
            return file.Position - before;
        }

        private void CopyBytes(long at, long count, Stream target)
        {
            file.Position = at;
            var buffer = new byte[Math.Min(count, 1 << 16)];
            for (long left = count; left > 0;)
            {
                int n = file.Read(buffer, 0, (int)Math.Min(buffer.Length, left));
                if (n <= 0) throw new InvalidDataException("the file ends inside a field");
                target.Write(buffer, 0, n);
                left -= n;
            }
        }

        private ulong ReadVarint()
        {
            ulong value = 0;
            for (int shift = 0; shift < 64; shift += 7)
            {
                int b = file.ReadByte();
                if (b < 0) throw new InvalidDataException("the file ends inside a number");
                value |= (ulong)(b & 0x7f) << shift;
                if ((b & 0x80) == 0) return value;
            }
            throw new InvalidDataException("a number is longer than 10 bytes");
        }

        private static void WriteVarint(Stream target, ulong value)
        {
            while (value >= 0x80)
            {
                target.WriteByte((byte)(value | 0x80));
                value >>= 7;
            }
            target.WriteByte((byte)value);
        }
    }
}
