namespace LayerEntropy;

/// <summary>
/// A setting as the library knows it: a property of a settings record (or a parameter of a method), named in a
/// <see cref="LayerEntropyException"/>'s message as <c>Owner.Property</c>, e.g. <c>TrainingOptions.Epochs</c>.
/// </summary>
public sealed record SettingName(string Owner, string Property)
{
    /// <summary>The property <paramref name="property"/> (give it with nameof) of the settings record <typeparamref name="T"/>.</summary>
    public static SettingName Of<T>(string property) => new(typeof(T).Name, property);

    public override string ToString() => $"{Owner}.{Property}";
}
