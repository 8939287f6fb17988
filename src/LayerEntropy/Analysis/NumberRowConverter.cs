using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace LayerEntropy.Analysis;

/// <summary>
/// Writes a list of numbers on one line, even in an indented file: the per-unit statistics hold one number per
/// unit and set, which would otherwise take a line each and make analysis.json hundreds of thousands of lines long.
/// Numbers use the shortest form that parses back to the same double; null stays null.
/// </summary>
internal sealed class NumberRowConverter<T> : JsonConverter<IReadOnlyList<T>>
{
    private readonly Func<T, double?> _toNumber;
    private readonly Func<double?, T> _fromNumber;
    private readonly Func<double, string> _format;

    /// <param name="format">Writes one finite number; by default the shortest form that parses back to the same double.</param>
    public NumberRowConverter(Func<T, double?> toNumber, Func<double?, T> fromNumber, Func<double, string>? format = null)
    {
        _toNumber = toNumber;
        _fromNumber = fromNumber;
        _format = format ?? (x => x.ToString("R", CultureInfo.InvariantCulture));
    }

    public override IReadOnlyList<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
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
}
