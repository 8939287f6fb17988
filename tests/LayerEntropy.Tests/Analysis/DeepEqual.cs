using System.Collections;
using System.Reflection;

namespace LayerEntropy.Tests.Analysis;

/// <summary>
/// Compares two object graphs property by property and list by list (records compare their lists by reference, so
/// <c>==</c> cannot say whether a result survived a round trip). Doubles must match bit for bit.
/// </summary>
internal static class DeepEqual
{
    public static void Assert<T>(T expected, T actual) => Compare(expected, actual, "$");

    private static void Compare(object? expected, object? actual, string path)
    {
        if (expected is null || actual is null)
        {
            Xunit.Assert.True(expected is null && actual is null, $"{path}: expected {expected ?? "null"}, got {actual ?? "null"}");
            return;
        }
        switch (expected)
        {
            case double e:
                Xunit.Assert.True(BitConverter.DoubleToInt64Bits(e) == BitConverter.DoubleToInt64Bits((double)actual), $"{path}: expected {e:R}, got {actual:R}");
                return;
            case float e:
                Xunit.Assert.True(BitConverter.SingleToInt32Bits(e) == BitConverter.SingleToInt32Bits((float)actual), $"{path}: expected {e:R}, got {actual:R}");
                return;
            case DateTimeOffset e:
                Xunit.Assert.True(e.Ticks == ((DateTimeOffset)actual).Ticks && e.Offset == ((DateTimeOffset)actual).Offset, $"{path}: expected {e:O}, got {actual:O}");
                return;
            case string or bool or int or long or Enum:
                Xunit.Assert.True(expected.Equals(actual), $"{path}: expected {expected}, got {actual}");
                return;
            case IEnumerable e:
                var left = e.Cast<object?>().ToList();
                var right = ((IEnumerable)actual).Cast<object?>().ToList();
                Xunit.Assert.True(left.Count == right.Count, $"{path}: expected {left.Count} items, got {right.Count}");
                for (int i = 0; i < left.Count; i++) Compare(left[i], right[i], $"{path}[{i}]");
                return;
        }
        var properties = expected.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0).ToList();
        Xunit.Assert.True(properties.Count > 0, $"{path}: no way to compare a {expected.GetType().Name}");
        foreach (var p in properties) Compare(p.GetValue(expected), p.GetValue(actual), $"{path}.{p.Name}");
    }
}
