namespace LayerEntropy.Nn;

/// <summary>The hidden-layer nonlinearity of a model built from a spec.</summary>
public enum ActivationKind { ReLU, LeakyReLU, Sigmoid, Tanh }
