using System.Buffers.Binary;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.PixelFormats;

namespace LayerEntropy.Mutation;

/// <summary>JPEG digits; edits change the frame header (size, precision, components, sampling), segment lengths, tables and scan data.</summary>
internal sealed class JpegFormat : ImageFolderFormat
{
    private static readonly ushort[] Sizes = [0, 1, 8, 27, 29, 4096, 8192, 30000, 65535];

    public override string Name => "jpeg";

    protected override string Extension => ".jpg";

    protected override byte[] Encode(byte[] pixels)
    {
        using var image = Image.LoadPixelData<L8>(pixels, 28, 28);
        using var stream = new MemoryStream();
        image.SaveAsJpeg(stream, new JpegEncoder { Quality = 90 });
        return stream.ToArray();
    }

    protected override (byte[], string) Edit(byte[] file, Random random)
    {
        byte[] b = (byte[])file.Clone();
        var segments = Segments(b);
        var sof = segments.FirstOrDefault(s => s.Marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC);
        switch (random.Next(6))
        {
            case 0 or 1 when sof.Marker != 0:
            {
                ushort h = Sizes[random.Next(Sizes.Length)], w = random.Next(2) == 0 ? h : Sizes[random.Next(Sizes.Length)];
                BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(sof.At + 5), h);
                BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(sof.At + 7), w);
                return (b, $"frame {w}x{h}");
            }
            case 2 when sof.Marker != 0:
            {
                int field = random.Next(4) switch { 0 => 4, 1 => 9, 2 => 11, _ => 12 };
                b[sof.At + field] = (byte)new[] { 0, 1, 2, 3, 4, 8, 12, 16, 0x11, 0x22, 0x44, 0xFF }[random.Next(12)];
                return (b, $"frame byte {field} set to {b[sof.At + field]}");
            }
            case 3:
            {
                var s = segments[random.Next(segments.Count)];
                ushort length = (ushort)random.Next(4) switch { 0 => 0, 1 => 1, 2 => 65535, _ => (ushort)random.Next(65536) };
                BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(s.At + 2), length);
                return (b, $"segment 0x{s.Marker:X2} length {length}");
            }
            case 4:
            {
                var s = segments[random.Next(segments.Count)];
                int n = Math.Min(1 + random.Next(16), s.Length - 2);
                if (n > 0) random.NextBytes(b.AsSpan(s.At + 4 + random.Next(s.Length - 2 - n + 1), n));
                return (b, $"segment 0x{s.Marker:X2}: {n} random bytes");
            }
            default:
            {
                int scan = segments.Last().At + 2 + segments.Last().Length;
                int at = scan + random.Next(Math.Max(1, b.Length - scan - 2));
                if (random.Next(2) == 0) b[at] ^= (byte)(1 << random.Next(8));
                else return ([.. b.AsSpan(0, at)], $"scan truncated at {at}");
                return (b, $"scan bit flip at {at}");
            }
        }
    }

    /// <summary>The marker segments before the scan data: marker, offset of its 0xFF, length field.</summary>
    private static List<(byte Marker, int At, int Length)> Segments(byte[] b)
    {
        var list = new List<(byte, int, int)>();
        for (int at = 2; at + 4 <= b.Length && b[at] == 0xFF;)
        {
            byte marker = b[at + 1];
            int length = BinaryPrimitives.ReadUInt16BigEndian(b.AsSpan(at + 2));
            list.Add((marker, at, length));
            if (marker == 0xDA) break;
            at += 2 + length;
        }
        return list;
    }
}
