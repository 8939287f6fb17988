namespace LayerEntropy.Tensors;

/// <summary>
/// Direct (loop-per-definition, double accumulation) 2-D convolution that <see cref="Im2Col"/>-based convolution is
/// tested against. x is N×C×H×W, w is O×C×kh×kw, y and dy are N×O×outH×outW, all NCHW row-major; no bias.
/// </summary>
internal static class ConvReference
{
    /// <summary>y[n, o, oy, ox] = Σ_{c,i,j} w[o, c, i, j]·x[n, c, oy·sh − ph + i, ox·sw − pw + j], padding reads 0.</summary>
    public static float[] Forward(in ConvGeometry g, int batch, int outChannels, ReadOnlySpan<float> x, ReadOnlySpan<float> w)
    {
        var y = new float[batch * outChannels * g.ColumnCount];
        for (int n = 0; n < batch; n++)
            for (int o = 0; o < outChannels; o++)
                for (int oy = 0; oy < g.OutHeight; oy++)
                    for (int ox = 0; ox < g.OutWidth; ox++)
                    {
                        double s = 0;
                        for (int c = 0; c < g.Channels; c++)
                            for (int i = 0; i < g.KernelHeight; i++)
                                for (int j = 0; j < g.KernelWidth; j++)
                                    if (Input(g, oy, ox, i, j, out int iy, out int ix))
                                        s += (double)w[Weight(g, o, c, i, j)] * x[((n * g.Channels + c) * g.Height + iy) * g.Width + ix];
                        y[((n * outChannels + o) * g.OutHeight + oy) * g.OutWidth + ox] = (float)s;
                    }
        return y;
    }

    /// <summary>dx[n, c, y, x] = Σ over the (o, oy, ox, i, j) whose window reads (y, x) of w[o, c, i, j]·dy[n, o, oy, ox].</summary>
    public static float[] InputGradient(in ConvGeometry g, int batch, int outChannels, ReadOnlySpan<float> dy, ReadOnlySpan<float> w)
    {
        var dx = new double[batch * g.ImageLength];
        for (int n = 0; n < batch; n++)
            for (int o = 0; o < outChannels; o++)
                for (int oy = 0; oy < g.OutHeight; oy++)
                    for (int ox = 0; ox < g.OutWidth; ox++)
                    {
                        float d = dy[((n * outChannels + o) * g.OutHeight + oy) * g.OutWidth + ox];
                        for (int c = 0; c < g.Channels; c++)
                            for (int i = 0; i < g.KernelHeight; i++)
                                for (int j = 0; j < g.KernelWidth; j++)
                                    if (Input(g, oy, ox, i, j, out int iy, out int ix))
                                        dx[((n * g.Channels + c) * g.Height + iy) * g.Width + ix] += (double)w[Weight(g, o, c, i, j)] * d;
                    }
        return Array.ConvertAll(dx, v => (float)v);
    }

    /// <summary>dw[o, c, i, j] = Σ_{n, oy, ox} dy[n, o, oy, ox]·x[n, c, oy·sh − ph + i, ox·sw − pw + j].</summary>
    public static float[] WeightGradient(in ConvGeometry g, int batch, int outChannels, ReadOnlySpan<float> x, ReadOnlySpan<float> dy)
    {
        var dw = new float[outChannels * g.ColumnRows];
        for (int o = 0; o < outChannels; o++)
            for (int c = 0; c < g.Channels; c++)
                for (int i = 0; i < g.KernelHeight; i++)
                    for (int j = 0; j < g.KernelWidth; j++)
                    {
                        double s = 0;
                        for (int n = 0; n < batch; n++)
                            for (int oy = 0; oy < g.OutHeight; oy++)
                                for (int ox = 0; ox < g.OutWidth; ox++)
                                    if (Input(g, oy, ox, i, j, out int iy, out int ix))
                                        s += (double)dy[((n * outChannels + o) * g.OutHeight + oy) * g.OutWidth + ox]
                                            * x[((n * g.Channels + c) * g.Height + iy) * g.Width + ix];
                        dw[Weight(g, o, c, i, j)] = (float)s;
                    }
        return dw;
    }

    private static int Weight(in ConvGeometry g, int o, int c, int i, int j) => ((o * g.Channels + c) * g.KernelHeight + i) * g.KernelWidth + j;

    private static bool Input(in ConvGeometry g, int oy, int ox, int i, int j, out int iy, out int ix)
    {
        iy = oy * g.StrideHeight - g.PadHeight + i;
        ix = ox * g.StrideWidth - g.PadWidth + j;
        return (uint)iy < (uint)g.Height && (uint)ix < (uint)g.Width;
    }
}
