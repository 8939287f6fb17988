using System.Collections;

namespace LayerEntropy.Analysis;

/// <summary>
/// Stands where a big tap's per-unit list was while a result passes to or from its JSON text: row <see cref="Row"/>
/// of the .npy file <see cref="File"/>, a '/'-separated path relative to the analysis.json's folder. Only the JSON
/// converter sees one: <see cref="SidecarArrays"/> puts them in before writing and replaces each by its row after
/// reading, so no result handed out holds one, and reading its values is a bug that fails loudly.
/// </summary>
internal sealed class ArrayReference<T>(string file, int row) : IReadOnlyList<T>
{
    public string File { get; } = file;

    public int Row { get; } = row;

    public T this[int index] => throw Unresolved();

    public int Count => throw Unresolved();

    public IEnumerator<T> GetEnumerator() => throw Unresolved();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private InvalidOperationException Unresolved() => new($"row {Row} of {File} was never read: an array reference escaped the JSON reader");
}
