using System.Reflection;
using System.Text;
using LayerEntropy.Tensors;

namespace LayerEntropy.Tests.Architecture;

/// <summary>
/// What a library user can call, written out as text and kept in docs/API.txt: a change to the public surface shows
/// up as a difference in that file, to be read and accepted on purpose (rerun with LAYERENTROPY_API_UPDATE=1).
/// </summary>
public class PublicApiTests
{
    private static string BaselinePath => Path.Combine(ArchitectureTests.RepositoryRoot, "docs", "API.txt");

    [Fact]
    public void ThePublicApiIsTheOneRecorded()
    {
        string now = Describe(typeof(Tensor).Assembly);
        if (Environment.GetEnvironmentVariable("LAYERENTROPY_API_UPDATE") is "1") File.WriteAllText(BaselinePath, now);
        string recorded = File.Exists(BaselinePath) ? File.ReadAllText(BaselinePath) : "";
        var added = now.Split('\n').Except(recorded.Split('\n')).ToArray();
        var removed = recorded.Split('\n').Except(now.Split('\n')).ToArray();
        Assert.True(added.Length == 0 && removed.Length == 0,
            $"the public API differs from docs/API.txt (rerun with LAYERENTROPY_API_UPDATE=1 to record it, and review the difference):\n"
            + string.Join("\n", added.Select(l => "+ " + l).Concat(removed.Select(l => "- " + l)).Take(40)));
    }

    [Fact]
    public void TheListingNamesMembersWithTheirTypes()
    {
        string text = Describe(typeof(Tensor).Assembly);
        Assert.Contains("class LayerEntropy.Tensors.Tensor", text);
        Assert.Contains("  LayerEntropy.Analysis.AnalysisResult Load(string path) [static]", text);
        Assert.DoesNotContain("AtomicFile", text);
    }

    /// <summary>Every exported type, then its public and protected members, one line each, in ordinal order.</summary>
    internal static string Describe(Assembly assembly)
    {
        var text = new StringBuilder();
        foreach (var type in assembly.GetExportedTypes().OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            text.Append(Kind(type)).Append(' ').Append(Name(type));
            if (type.BaseType is { } b && b != typeof(object) && b != typeof(ValueType) && b != typeof(Enum)) text.Append(" : ").Append(Name(b));
            text.Append('\n');
            const BindingFlags flags = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
            var members = type.GetMembers(flags).Where(Visible).Select(Member).Where(m => m is not null).Order(StringComparer.Ordinal);
            foreach (var m in members) text.Append("  ").Append(m).Append('\n');
        }
        return text.ToString();
    }

    private static bool Visible(MemberInfo m) => m switch
    {
        MethodBase b => (b.IsPublic || b.IsFamily || b.IsFamilyOrAssembly) && !b.IsSpecialName || b is ConstructorInfo { IsPublic: true } || b.Name.StartsWith("op_", StringComparison.Ordinal) && b.IsPublic,
        FieldInfo f => (f.IsPublic || f.IsFamily) && !f.IsSpecialName,
        PropertyInfo p => p.GetAccessors(nonPublic: true).Any(a => a.IsPublic || a.IsFamily),
        EventInfo e => e.AddMethod is { IsPublic: true },
        _ => false,
    };

    private static string? Member(MemberInfo m) => m switch
    {
        _ when m.Name.Contains('<') => null,
        ConstructorInfo c => $"ctor({Parameters(c)})",
        MethodInfo x => $"{Name(x.ReturnType)} {x.Name}{Generic(x)}({Parameters(x)}){(x.IsStatic ? " [static]" : "")}",
        PropertyInfo p => $"{Name(p.PropertyType)} {p.Name} {{{(p.GetMethod is { } g && (g.IsPublic || g.IsFamily) ? " get;" : "")}{(p.SetMethod is { } s && (s.IsPublic || s.IsFamily) ? (s.ReturnParameter.GetRequiredCustomModifiers().Any(t => t.Name == "IsExternalInit") ? " init;" : " set;") : "")} }}",
        FieldInfo f => $"{Name(f.FieldType)} {f.Name}{(f.IsLiteral ? $" = {f.GetRawConstantValue()}" : f.IsStatic ? " [static]" : "")}",
        EventInfo e => $"event {Name(e.EventHandlerType!)} {e.Name}",
        _ => null,
    };

    private static string Generic(MethodInfo m) => m.IsGenericMethodDefinition ? $"<{string.Join(", ", m.GetGenericArguments().Select(a => a.Name))}>" : "";

    private static string Parameters(MethodBase m) => string.Join(", ", m.GetParameters().Select(p => $"{(p.IsOut ? "out " : p.ParameterType.IsByRef ? "ref " : "")}{Name(p.ParameterType)} {p.Name}{(p.HasDefaultValue ? " = …" : "")}"));

    private static string Kind(Type t) =>
        t.IsEnum ? "enum" : t.IsInterface ? "interface" : t.IsValueType ? "struct" : typeof(Delegate).IsAssignableFrom(t) ? "delegate"
        : t.IsAbstract && t.IsSealed ? "static class" : t.IsAbstract ? "abstract class" : t.IsSealed ? "sealed class" : "class";

    private static string Name(Type t)
    {
        if (t.IsByRef) return Name(t.GetElementType()!);
        if (t.IsArray) return Name(t.GetElementType()!) + "[" + new string(',', t.GetArrayRank() - 1) + "]";
        if (Nullable.GetUnderlyingType(t) is { } inner) return Name(inner) + "?";
        if (t.IsGenericParameter) return t.Name;
        string name = Aliases.TryGetValue(t, out var alias) ? alias : t.IsNested ? Name(t.DeclaringType!) + "." + t.Name : $"{t.Namespace}.{t.Name}";
        if (!t.IsGenericType) return name;
        int tick = name.IndexOf('`');
        return (tick < 0 ? name : name[..tick]) + "<" + string.Join(", ", t.GetGenericArguments().Select(Name)) + ">";
    }

    private static readonly Dictionary<Type, string> Aliases = new()
    {
        [typeof(void)] = "void", [typeof(bool)] = "bool", [typeof(byte)] = "byte", [typeof(sbyte)] = "sbyte", [typeof(short)] = "short",
        [typeof(ushort)] = "ushort", [typeof(int)] = "int", [typeof(uint)] = "uint", [typeof(long)] = "long", [typeof(ulong)] = "ulong",
        [typeof(float)] = "float", [typeof(double)] = "double", [typeof(decimal)] = "decimal", [typeof(char)] = "char", [typeof(string)] = "string",
        [typeof(object)] = "object",
    };
}
