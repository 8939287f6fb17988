namespace LayerEntropy.Data;

/// <summary>Where the channel axis of a 4-D input array lies: M×C×H×W (<see cref="Nchw"/>, PyTorch's order) or M×H×W×C (<see cref="Nhwc"/>, TensorFlow's and images').</summary>
public enum InputLayout
{
    Nchw,
    Nhwc,
}
