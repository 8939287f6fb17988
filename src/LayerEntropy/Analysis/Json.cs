using System.Text.Json;
using System.Text.Json.Serialization;

namespace LayerEntropy.Analysis;

/// <summary>The JSON settings of the analysis files: snake_case names, enums as lowercase strings.</summary>
internal static class Json
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };
}
