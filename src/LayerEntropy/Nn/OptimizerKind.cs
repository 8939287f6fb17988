namespace LayerEntropy.Nn;

/// <summary>The optimiser a model is trained with: Adam or SGD with momentum.</summary>
public enum OptimizerKind { Adam, Sgd }
