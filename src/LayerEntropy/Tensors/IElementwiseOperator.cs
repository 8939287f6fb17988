using System.Runtime.Intrinsics;

namespace LayerEntropy.Tensors;

/// <summary>One elementwise operation of two operands, in scalar and 256-bit vector form (the TensorPrimitives shape).</summary>
internal interface IBinaryOperator
{
    float Invoke(float x, float y);
    Vector256<float> Invoke(Vector256<float> x, Vector256<float> y);
}
