using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace LayerEntropy.Mutation;

/// <summary>PNG digits; edits change IHDR fields (huge sizes, depths, color types), chunk lengths, chunk order and IDAT data, with the CRC fixed or not.</summary>
internal sealed class PngFormat : ImageFolderFormat
{
    private static readonly uint[] Sizes = [0, 1, 27, 29, 56, 8192, 26000, 65535, 100_000, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF];

    public override string Name => "png";

    protected override string Extension => ".png";

    protected override byte[] Encode(byte[] pixels)
    {
        using var image = Image.LoadPixelData<L8>(pixels, 28, 28);
        using var stream = new MemoryStream();
        image.SaveAsPng(stream);
        return stream.ToArray();
    }

    protected override (byte[], string) Edit(byte[] file, Random random)
    {
        var chunks = Chunks(file);
        bool fixCrc = random.Next(5) != 0;
        string what;
        int ihdr = chunks.FindIndex(c => c.Type == "IHDR"), idat = chunks.FindIndex(c => c.Type == "IDAT");
        switch (random.Next(8))
        {
            case 0 or 1:
            {
                byte[] d = chunks[ihdr].Data;
                uint w = Sizes[random.Next(Sizes.Length)], h = random.Next(2) == 0 ? w : Sizes[random.Next(Sizes.Length)];
                BinaryPrimitives.WriteUInt32BigEndian(d, w);
                BinaryPrimitives.WriteUInt32BigEndian(d.AsSpan(4), h);
                what = $"IHDR {w}x{h}";
                break;
            }
            case 2:
            {
                byte[] d = chunks[ihdr].Data;
                int field = 8 + random.Next(5);
                d[field] = (byte)(random.Next(2) == 0 ? new[] { 0, 1, 2, 3, 4, 6, 7, 8, 16, 255 }[random.Next(10)] : random.Next(256));
                what = $"IHDR byte {field} set to {d[field]}";
                break;
            }
            case 3:
            {
                // Pixel data that inflates to something else: damaged deflate, or a valid stream of the wrong length.
                byte[] d = chunks[idat].Data;
                if (random.Next(2) == 0)
                {
                    int n = 1 + random.Next(4);
                    for (int i = 0; i < n; i++) d[random.Next(d.Length)] ^= (byte)(1 << random.Next(8));
                    what = "IDAT bit flips";
                }
                else
                {
                    int raw = random.Next(4) switch { 0 => 0, 1 => 28 * 29 - 1, 2 => 28 * 29 + 29, _ => 4 << 20 };
                    var rawBytes = new byte[raw];
                    random.NextBytes(rawBytes.AsSpan(0, Math.Min(raw, 2000)));
                    chunks[idat] = chunks[idat] with { Data = Deflate(rawBytes) };
                    what = $"IDAT inflating to {raw} bytes";
                }
                break;
            }
            case 4:
            {
                int i = random.Next(chunks.Count);
                uint length = ByteMutator.InterestingValue(random, (uint)chunks[i].Data.Length);
                byte[] bytes = Write(chunks, fixCrc);
                int at = Offset(chunks, i);
                BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(at), length);
                return (bytes, $"chunk {chunks[i].Type} length field {length}");
            }
            case 5:
            {
                int i = random.Next(chunks.Count);
                if (random.Next(2) == 0) chunks.RemoveAt(i);
                else chunks.Insert(random.Next(chunks.Count + 1), chunks[i]);
                what = $"chunk {i} removed or repeated";
                break;
            }
            case 6:
            {
                string type = new[] { "PLTE", "tRNS", "ABCD", "abcD", "tEXt", "zTXt", "acTL", "gAMA" }[random.Next(8)];
                var data = new byte[random.Next(4) == 0 ? 70_000 : random.Next(64)];
                random.NextBytes(data);
                chunks.Insert(1 + random.Next(chunks.Count - 1), (type, data));
                what = $"{type} chunk of {data.Length} bytes inserted";
                break;
            }
            default:
            {
                // IDAT split in two, the second half damaged.
                byte[] d = chunks[idat].Data;
                int cut = random.Next(d.Length);
                byte[] second = d[cut..];
                if (second.Length > 0) second[random.Next(second.Length)] ^= 0xFF;
                chunks[idat] = ("IDAT", d[..cut]);
                chunks.Insert(idat + 1, ("IDAT", second));
                what = $"IDAT split at {cut}, second half damaged";
                break;
            }
        }
        return (Write(chunks, fixCrc), what + (fixCrc ? "" : " (CRC not fixed)"));
    }

    private static List<(string Type, byte[] Data)> Chunks(byte[] file)
    {
        var chunks = new List<(string, byte[])>();
        for (int at = 8; at + 12 <= file.Length;)
        {
            int length = (int)BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(at));
            chunks.Add((Encoding.ASCII.GetString(file, at + 4, 4), file.AsSpan(at + 8, length).ToArray()));
            at += 12 + length;
        }
        return chunks;
    }

    private static int Offset(List<(string Type, byte[] Data)> chunks, int index) => 8 + chunks.Take(index).Sum(c => 12 + c.Data.Length);

    private static byte[] Write(List<(string Type, byte[] Data)> chunks, bool fixCrc)
    {
        var output = new List<byte>([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        foreach (var (type, data) in chunks)
        {
            var head = new byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(head, (uint)data.Length);
            output.AddRange(head);
            byte[] body = [.. Encoding.ASCII.GetBytes(type), .. data];
            output.AddRange(body);
            var crc = new byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(crc, fixCrc ? Crc32(body) : Crc32(body) ^ 1);
            output.AddRange(crc);
        }
        return [.. output];
    }

    private static byte[] Deflate(byte[] raw)
    {
        using var memory = new MemoryStream();
        using (var z = new ZLibStream(memory, CompressionLevel.Fastest)) z.Write(raw);
        return memory.ToArray();
    }

    private static uint Crc32(byte[] bytes)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in bytes)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++) crc = (crc & 1) != 0 ? 0xEDB88320 ^ (crc >> 1) : crc >> 1;
        }
        return ~crc;
    }
}
