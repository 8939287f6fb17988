using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace LayerEntropy.Tensors;

/// <summary>
/// Per-thread packing buffers for <see cref="GemmDriver{TKernel}"/>. They only grow, so a thread that keeps
/// multiplying matrices of the same sizes allocates nothing after its first call.
/// </summary>
internal sealed unsafe class GemmWorkspace
{
    // One cache line, so packed panels start on a line and vector loads never split one.
    private const int AlignFloats = 16;

    [ThreadStatic] private static GemmWorkspace? current;

    private float[] a = [];
    private float[] b = [];

    public static GemmWorkspace Current => current ??= new GemmWorkspace();

    /// <summary>A 64-byte aligned buffer of at least <paramref name="length"/> floats for packed A.</summary>
    public float* PackA(int length) => Aligned(ref a, length);

    /// <summary>A 64-byte aligned buffer of at least <paramref name="length"/> floats for packed B.</summary>
    public float* PackB(int length) => Aligned(ref b, length);

    private static float* Aligned(ref float[] buffer, int length)
    {
        if (buffer.Length < length + AlignFloats)
            buffer = GC.AllocateUninitializedArray<float>(length + AlignFloats, pinned: true);
        // The pinned object heap never moves the array, so the pointer stays valid after this method returns.
        nint start = (nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(buffer));
        return (float*)((start + (AlignFloats * sizeof(float) - 1)) & ~(nint)(AlignFloats * sizeof(float) - 1));
    }
}
