using System.Runtime.InteropServices;

namespace LayerEntropy.Data;

/// <summary>
/// JPEG decoding by the system's libjpeg-turbo through its TurboJPEG API (libturbojpeg.so.0; Debian's
/// libturbojpeg0), with libjpeg's defaults as Pillow uses them: the accurate integer inverse DCT and "fancy"
/// (interpolated) upsampling of subsampled color planes. Pillow decodes JPEG with the same library, so the pixels
/// are Pillow's. Where the library is missing, <see cref="Available"/> is false and ImageFile decodes with ImageSharp.
/// </summary>
internal static unsafe class TurboJpeg
{
    private const int PixelRgb = 0, PixelGray = 6;
    private const int ColorspaceGray = 2, ColorspaceCmyk = 3, ColorspaceYcck = 4;

    private sealed class Api(nint library)
    {
        public readonly delegate* unmanaged<nint> Init = (delegate* unmanaged<nint>)NativeLibrary.GetExport(library, "tjInitDecompress");
        public readonly delegate* unmanaged<nint, byte*, nuint, int*, int*, int*, int*, int> Header =
            (delegate* unmanaged<nint, byte*, nuint, int*, int*, int*, int*, int>)NativeLibrary.GetExport(library, "tjDecompressHeader3");
        public readonly delegate* unmanaged<nint, byte*, nuint, byte*, int, int, int, int, int, int> Decompress =
            (delegate* unmanaged<nint, byte*, nuint, byte*, int, int, int, int, int, int>)NativeLibrary.GetExport(library, "tjDecompress2");
        public readonly delegate* unmanaged<nint, byte*> Error = (delegate* unmanaged<nint, byte*>)NativeLibrary.GetExport(library, "tjGetErrorStr2");
        public readonly delegate* unmanaged<nint, int> Destroy = (delegate* unmanaged<nint, int>)NativeLibrary.GetExport(library, "tjDestroy");
    }

    private static readonly Lazy<Api?> api = new(Load);

    /// <summary>Whether libturbojpeg could be loaded.</summary>
    public static bool Available => api.Value is not null;

    /// <summary>What decodes JPEG files here, for the run manifest.</summary>
    public static string Decoder => Available ? "libjpeg-turbo (TurboJPEG), as Pillow" : "ImageSharp (libturbojpeg not found)";

    /// <summary>Whether <paramref name="file"/> starts with the JPEG start-of-image marker.</summary>
    public static bool IsJpeg(ReadOnlySpan<byte> file) => file.Length >= 3 && file[0] == 0xFF && file[1] == 0xD8 && file[2] == 0xFF;

    /// <summary>
    /// Decodes <paramref name="jpeg"/> into interleaved rows: one byte per pixel for a gray JPEG, else three (RGB).
    /// Null for CMYK and YCCK files, which TurboJPEG does not turn into RGB. A damaged or truncated file (any libjpeg
    /// warning, such as "Premature end of JPEG file", as Pillow refuses it too) is an error naming <paramref name="path"/>.
    /// </summary>
    public static (int Width, int Height, bool Gray, byte[] Pixels)? Decode(byte[] jpeg, string path)
    {
        var f = api.Value ?? throw new InvalidOperationException("libturbojpeg is not loaded");
        nint handle = f.Init();
        if (handle == 0) throw new OutOfMemoryException("TurboJPEG could not make a decompressor");
        try
        {
            fixed (byte* source = jpeg)
            {
                int width, height, subsampling, colorspace;
                if (f.Header(handle, source, (nuint)jpeg.Length, &width, &height, &subsampling, &colorspace) != 0)
                    throw LayerEntropyException.ForFile(path, $"damaged or truncated image: {Message(f, handle)}");
                ImageFile.CheckSize(width, height, path);
                if (colorspace is ColorspaceCmyk or ColorspaceYcck) return null;
                bool gray = colorspace == ColorspaceGray;
                var pixels = new byte[(long)width * height * (gray ? 1 : 3)];
                fixed (byte* target = pixels)
                    if (f.Decompress(handle, source, (nuint)jpeg.Length, target, width, 0, height, gray ? PixelGray : PixelRgb, 0) != 0)
                        throw LayerEntropyException.ForFile(path, $"damaged or truncated image: {Message(f, handle)}");
                return (width, height, gray, pixels);
            }
        }
        finally
        {
            f.Destroy(handle);
        }
    }

    private static string Message(Api f, nint handle) => Marshal.PtrToStringUTF8((nint)f.Error(handle))?.Trim() ?? "unknown error";

    private static Api? Load()
    {
        foreach (string name in new[] { "libturbojpeg.so.0", "libturbojpeg.so", "libturbojpeg.0.dylib", "turbojpeg" })
            if (NativeLibrary.TryLoad(name, out nint library))
            {
                try
                {
                    return new Api(library);
                }
                catch (EntryPointNotFoundException)
                {
                    NativeLibrary.Free(library);
                }
            }
        return null;
    }
}
