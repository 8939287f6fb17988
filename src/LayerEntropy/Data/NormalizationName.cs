namespace LayerEntropy.Data;

/// <summary>A published normalisation by name (<see cref="Normalization.Named"/>).</summary>
public enum NormalizationName
{
    /// <summary>torchvision's ImageNet normalisation (<see cref="Normalization.ImageNet"/>).</summary>
    ImageNet,
}
