using LayerEntropy.Analysis;

namespace LayerEntropy.Tests.Analysis;

/// <summary>
/// The rows kept for the binned measure come back bit for bit, in the order added, across chunk boundaries, from memory
/// or from a temporary file that leaves nothing behind.
/// </summary>
public class ActivationStoreTests
{
    [Theory]
    [InlineData(1, 10, false)]
    [InlineData(63, 1000, false)]
    [InlineData(130, 20000, false)] // about 2.6 million values: rows span three chunks of 2^20
    [InlineData(1, 10, true)]
    [InlineData(130, 20000, true)]
    public void RowsComeBackBitForBit(int units, int rows, bool onDisk)
    {
        var before = Directory.GetFiles(Path.GetTempPath(), "layerentropy-rows-*").Length;
        var random = new Random(units);
        float Value(int r, int i) => (r * 31 + i) % 3 == 0 ? 0f : (r + i) % 7 == 0 ? -0f : (float)(random.NextDouble() - 0.3);
        var all = new float[rows][];
        using var store = new ActivationStore(units, onDisk);
        // Its file has no name from the start: a killed run leaves nothing in the temporary folder.
        Assert.Equal(before, Directory.GetFiles(Path.GetTempPath(), "layerentropy-rows-*").Length);
        var mask = new ulong[(units + 63) / 64];
        var packed = new float[units];
        for (int r = 0; r < rows; r++)
        {
            all[r] = [.. Enumerable.Range(0, units).Select(i => Value(r, i))];
            if (r % 9 == 0) Array.Fill(all[r], 1.5f); // dense rows, which fill a chunk fastest
            int kept = LayerEntropy.Tensors.RowPacking.Pack(all[r], mask, packed);
            store.Add(mask, packed.AsSpan(0, kept));
        }
        Assert.Equal(rows, store.Count);
        store.Flush();
        var row = new float[units];
        var scratch = new float[units];
        for (int r = rows - 1; r >= 0; r -= 1 + r % 5)
        {
            store.Row(r, row, scratch);
            Assert.Equal(all[r].Select(BitConverter.SingleToInt32Bits), row.Select(BitConverter.SingleToInt32Bits));
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => store.Row(rows, row, scratch));
    }

}
