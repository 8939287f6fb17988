namespace LayerEntropy.Data;

/// <summary>
/// A little-endian numeric NumPy dtype as a .npy header spells it (<c>'&lt;f4'</c>, <c>'|u1'</c>): its kind
/// (<c>f</c> float, <c>i</c> signed, <c>u</c> unsigned integer) and its size in bytes.
/// </summary>
internal readonly record struct NpyDtype(string Descr, char Kind, int Size)
{
    public string Name => Kind switch { 'f' => "float", 'i' => "int", _ => "uint" } + (8 * Size).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public bool IsFloat => Kind == 'f';

    public bool IsInteger => Kind is 'i' or 'u';

    public override string ToString() => $"'{Descr}' ({Name})";

    /// <summary>Reads the header's <c>descr</c>; anything but a little-endian float or integer throws, naming the dtype.</summary>
    public static NpyDtype Parse(object? descr, string path)
    {
        if (descr is List<object?>)
            throw LayerEntropyException.ForFile(path, "structured dtype (a list of named fields) is not supported; save a plain numeric array");
        if (descr is not string text || text.Length == 0)
            throw LayerEntropyException.ForFile(path, "the header's 'descr' is not a dtype string");

        char order = text[0] is '<' or '>' or '|' or '=' ? text[0] : '=';
        string body = text[0] is '<' or '>' or '|' or '=' ? text[1..] : text;
        char kind = body.Length > 0 ? body[0] : '?';
        bool sized = int.TryParse(body.AsSpan(1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int size);
        bool numeric = sized && ((kind == 'f' && size is 2 or 4 or 8) || (kind is 'i' or 'u' && size is 1 or 2 or 4 or 8));
        if (!numeric)
            throw LayerEntropyException.ForFile(path, $"unsupported dtype '{text}'{Describe(kind)}; only float16/32/64 and 8- to 64-bit integers can be read");
        // '=' is the writer's native order; NumPy itself never writes it and reads it as its own (little-endian) order.
        if (order == '>' && size > 1)
            throw LayerEntropyException.ForFile(path, $"big-endian dtype '{text}' is not supported; save it little-endian, e.g. np.save(path, a.astype('<{body}'))");
        return new NpyDtype(text, kind, size);
    }

    private static string Describe(char kind) => kind switch
    {
        'O' => " (Python objects)",
        'b' => " (bool)",
        'c' => " (complex)",
        'U' => " (unicode strings)",
        'S' or 'a' => " (byte strings)",
        'V' => " (raw or structured records)",
        'M' => " (datetime)",
        'm' => " (timedelta)",
        _ => "",
    };
}
