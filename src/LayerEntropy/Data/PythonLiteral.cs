using System.Globalization;
using System.Text;

namespace LayerEntropy.Data;

/// <summary>
/// Parses the small subset of Python literals that a .npy header holds: dicts, tuples, lists, strings in either
/// quote, True/False/None and integers (an old Python 2 <c>L</c> suffix allowed). Dicts become
/// <see cref="Dictionary{TKey,TValue}"/> by string key, tuples and lists become <see cref="List{T}"/>, integers
/// <see cref="long"/>, None null. Anything else throws <see cref="FormatException"/> saying where.
/// </summary>
internal sealed class PythonLiteral
{
    /// <summary>How deep dicts, tuples and lists may nest: a .npy header nests two levels; numpy itself stops near 100.</summary>
    public const int MaxDepth = 32;

    private readonly string text;
    private int pos;
    private int depth;

    private PythonLiteral(string text) => this.text = text;

    public static object? Parse(string text)
    {
        var parser = new PythonLiteral(text);
        object? value = parser.Value();
        parser.SkipSpace();
        if (parser.pos < text.Length) throw parser.Error("unexpected text after the value");
        return value;
    }

    private object? Value()
    {
        SkipSpace();
        if (pos >= text.Length) throw Error("the text ends where a value should start");
        char c = text[pos];
        if (c is '{' or '(' or '[' && depth == MaxDepth) throw Error($"the header nests dicts, tuples or lists too deeply (more than {MaxDepth} levels)");
        return c switch
        {
            '{' => Nested(Dict),
            '(' => Nested(() => Sequence(')')),
            '[' => Nested(() => Sequence(']')),
            '\'' or '"' => String(),
            _ when c == '-' || c == '+' || char.IsAsciiDigit(c) => Integer(),
            _ when char.IsAsciiLetter(c) => Name(),
            _ => throw Error($"unexpected '{c}'"),
        };
    }

    private object Nested(Func<object> parse)
    {
        depth++;
        object value = parse();
        depth--;
        return value;
    }

    private Dictionary<string, object?> Dict()
    {
        var dict = new Dictionary<string, object?>(StringComparer.Ordinal);
        pos++; // '{'
        while (true)
        {
            SkipSpace();
            if (Take('}')) return dict;
            int at = pos;
            if (Value() is not string key) { pos = at; throw Error("a dict key must be a string"); }
            SkipSpace();
            if (!Take(':')) throw Error($"expected ':' after the key '{key}'");
            if (!dict.TryAdd(key, Value())) { pos = at; throw Error($"the key '{key}' appears twice"); }
            SkipSpace();
            if (Take('}')) return dict;
            if (!Take(',')) throw Error(pos >= text.Length ? "the text ends before the dict is closed" : "expected ',' or '}' in the dict");
        }
    }

    /// <summary>A tuple or list: Python's <c>(7,)</c> is a 1-tuple; a trailing comma is allowed in either.</summary>
    private List<object?> Sequence(char close)
    {
        var items = new List<object?>();
        pos++; // '(' or '['
        while (true)
        {
            SkipSpace();
            if (Take(close)) return items;
            items.Add(Value());
            SkipSpace();
            if (Take(close)) return items;
            if (!Take(',')) throw Error(pos >= text.Length ? $"the text ends before '{close}'" : $"expected ',' or '{close}'");
        }
    }

    private string String()
    {
        char quote = text[pos++];
        var sb = new StringBuilder();
        while (pos < text.Length && text[pos] != quote)
        {
            char c = text[pos++];
            if (c == '\\')
            {
                if (pos >= text.Length) break;
                c = text[pos++];
            }
            sb.Append(c);
        }
        if (!Take(quote)) throw Error("a string is not closed");
        return sb.ToString();
    }

    private long Integer()
    {
        int start = pos;
        if (text[pos] is '-' or '+') pos++;
        while (pos < text.Length && char.IsAsciiDigit(text[pos])) pos++;
        string digits = text[start..pos];
        if (pos < text.Length && text[pos] is 'L' or 'l') pos++;
        if (pos < text.Length && (text[pos] is '.' or 'e' or 'E' || char.IsAsciiLetterOrDigit(text[pos])))
        {
            pos = start;
            throw Error("only whole numbers are expected here");
        }
        if (!long.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value))
        {
            pos = start;
            throw Error(digits.Trim('+', '-').Length == 0 ? "a sign without digits" : $"the number {digits} is too large");
        }
        return value;
    }

    private object? Name()
    {
        int start = pos;
        while (pos < text.Length && (char.IsAsciiLetterOrDigit(text[pos]) || text[pos] == '_')) pos++;
        string name = text[start..pos];
        return name switch
        {
            "True" => true,
            "False" => false,
            "None" => null,
            _ => throw new FormatException($"unexpected name '{name}' at character {start + 1}"),
        };
    }

    private bool Take(char c)
    {
        if (pos < text.Length && text[pos] == c) { pos++; return true; }
        return false;
    }

    private void SkipSpace()
    {
        while (pos < text.Length && char.IsWhiteSpace(text[pos])) pos++;
    }

    private FormatException Error(string problem) => new($"{problem} at character {pos + 1}");
}
