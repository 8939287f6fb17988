using System.Collections;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace LayerEntropy.Experiments;

/// <summary>
/// Finds a null entry in a list that the records declare to hold none, e.g. <c>runs[2]</c> of a comparison: the JSON
/// reader refuses null members where the records forbid them, but not null entries of lists, which a reader of the
/// result would then trip over. The place is named as a JSON path with snake_case names.
/// </summary>
internal static class NullEntries
{
    public static string? Find(object value) => Walk(value, "", new NullabilityInfoContext(), 0);

    private static string? Walk(object? value, string path, NullabilityInfoContext nullability, int depth)
    {
        if (value is null || depth > 32) return null;
        var type = value.GetType();
        if (type.IsPrimitive || type.IsEnum || value is string or decimal or DateTime or DateTimeOffset or IDictionary) return null;
        foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (!p.CanWrite || p.GetIndexParameters().Length > 0 || p.GetCustomAttribute<JsonIgnoreAttribute>() is { Condition: JsonIgnoreCondition.Always }) continue;
            string name = p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.SnakeCaseLower.ConvertName(p.Name);
            string at = path.Length == 0 ? name : $"{path}.{name}";
            var member = p.GetValue(value);
            if (member is IEnumerable items and not string and not IDictionary)
            {
                var info = nullability.Create(p);
                bool entriesMayBeNull = info.GenericTypeArguments is not [{ ReadState: NullabilityState.NotNull }];
                int i = 0;
                foreach (var item in items)
                {
                    if (item is null && !entriesMayBeNull) return $"{at}[{i}] is missing (null)";
                    if (Walk(item, $"{at}[{i}]", nullability, depth + 1) is { } problem) return problem;
                    i++;
                }
            }
            else if (Walk(member, at, nullability, depth + 1) is { } problem) return problem;
        }
        return null;
    }
}
