using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace LayerEntropy.Analysis;

/// <summary>
/// Writes a list of numbers on one line, even in an indented file: the per-unit statistics hold one number per
/// unit and set, which would otherwise take a line each and make analysis.json hundreds of thousands of lines long.
/// Numbers use the shortest form that parses back to the same double; null stays null. A list kept in a .npy file
/// (<see cref="ArrayReference{T}"/>) is written as the object <c>{"npy": "FILE", "row": R}</c>, and read back as
/// one where the converter is told to accept references (analysis.json; no other file has them).
/// </summary>
internal sealed class NumberRowConverter<T> : JsonConverter<IReadOnlyList<T>>
{
    private readonly Func<T, double?> _toNumber;
    private readonly Func<double?, T> _fromNumber;
    private readonly Func<double, string> _format;
    private readonly bool _references;

    /// <param name="format">Writes one finite number; by default the shortest form that parses back to the same double.</param>
    /// <param name="references">Whether an array reference may stand in place of the numbers.</param>
    public NumberRowConverter(Func<T, double?> toNumber, Func<double?, T> fromNumber, Func<double, string>? format = null, bool references = false)
    {
        _toNumber = toNumber;
        _fromNumber = fromNumber;
        _format = format ?? (x => x.ToString("R", CultureInfo.InvariantCulture));
        _references = references;
    }

    public override IReadOnlyList<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (_references && reader.TokenType == JsonTokenType.StartObject) return ReadReference(ref reader);
        if (reader.TokenType != JsonTokenType.StartArray) throw new JsonException("expected an array of numbers");
        var values = new List<T>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            double? number = reader.TokenType switch
            {
                JsonTokenType.Null => null,
                JsonTokenType.Number when reader.TryGetDouble(out double d) => d,
                _ => throw new JsonException($"expected a number, got {reader.TokenType}"),
            };
            values.Add(_fromNumber(number));
        }
        return values;
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<T> value, JsonSerializerOptions options)
    {
        if (value is ArrayReference<T> reference)
        {
            writer.WriteRawValue(string.Create(CultureInfo.InvariantCulture,
                $"{{\"npy\": {JsonSerializer.Serialize(reference.File)}, \"row\": {reference.Row}}}"), skipInputValidation: true);
            return;
        }
        var row = new StringBuilder("[");
        for (int i = 0; i < value.Count; i++)
        {
            if (i > 0) row.Append(", ");
            double? number = _toNumber(value[i]);
            if (number is { } x && !double.IsFinite(x)) throw new JsonException($"{x} is not a finite number");
            row.Append(number is { } y ? _format(y) : "null");
        }
        writer.WriteRawValue(row.Append(']').ToString(), skipInputValidation: true);
    }

    private static ArrayReference<T> ReadReference(ref Utf8JsonReader reader)
    {
        string? file = null;
        int? row = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            string name = reader.GetString()!;
            reader.Read();
            switch (name)
            {
                case "npy" when reader.TokenType == JsonTokenType.String:
                    file = reader.GetString();
                    break;
                case "row" when reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out int r) && r >= 0:
                    row = r;
                    break;
                case "npy" or "row":
                    throw new JsonException($"an array reference's \"{name}\" must be {(name == "npy" ? "a file name" : "a row number (0 or more)")}");
                default:
                    throw new JsonException($"an array reference has \"npy\" and \"row\", not \"{name}\"");
            }
        }
        if (file is null || row is null) throw new JsonException("an array reference needs both \"npy\" and \"row\"");
        return new ArrayReference<T>(file, row.Value);
    }
}
