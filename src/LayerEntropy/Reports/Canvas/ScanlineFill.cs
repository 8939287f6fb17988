namespace LayerEntropy.Reports;

/// <summary>
/// Fills closed contours (in pixel coordinates) under the non-zero winding rule with antialiasing: each pixel row
/// is sampled on <see cref="SubRows"/> horizontal lines, and along each line the covered spans count with exact
/// fractional ends. Coverage is summed over all contours before blending, so overlapping parts of one shape
/// (the segments and joins of a stroke) blend once and a translucent stroke shows no darker seams.
/// </summary>
internal static class ScanlineFill
{
    /// <summary>Vertical samples per pixel row: coverage steps of 1/16, and an exact whole for rows fully inside.</summary>
    public const int SubRows = 16;

    private readonly record struct Edge(double YTop, double YBottom, double XTop, double Slope, int Direction);

    public static void Fill(RgbaImage image, IReadOnlyList<IReadOnlyList<Point>> contours, Rgba colour)
    {
        if (colour.A == 0) return;
        var edges = new List<Edge>();
        foreach (var contour in contours)
            for (int i = 0; i < contour.Count; i++)
            {
                Point p = contour[i], q = contour[(i + 1) % contour.Count];
                if (p.Y == q.Y) continue; // horizontal edges never cross a sample line
                var (top, bottom, direction) = p.Y < q.Y ? (p, q, 1) : (q, p, -1);
                edges.Add(new Edge(top.Y, bottom.Y, top.X, (bottom.X - top.X) / (bottom.Y - top.Y), direction));
            }
        if (edges.Count == 0) return;
        edges.Sort((a, b) => a.YTop.CompareTo(b.YTop));

        int firstRow = Math.Max(0, (int)Math.Floor(edges[0].YTop));
        int lastRow = Math.Min(image.Height - 1, (int)Math.Ceiling(edges.Max(e => e.YBottom)) - 1);
        var partial = new double[image.Width + 1];
        var runs = new double[image.Width + 2]; // difference array: whole pixels inside a span
        var active = new Edge[16];
        var crossing = new double[16]; // x where active[i] meets the current sample line
        int count = 0, next = 0;
        const double weight = 1.0 / SubRows;

        for (int row = firstRow; row <= lastRow; row++)
        {
            int minX = image.Width, maxX = -1;
            for (int k = 0; k < SubRows; k++)
            {
                double y = row + (k + 0.5) / SubRows;
                for (; next < edges.Count && edges[next].YTop <= y; next++)
                {
                    if (count == active.Length)
                    {
                        Array.Resize(ref active, 2 * count);
                        Array.Resize(ref crossing, 2 * count);
                    }
                    active[count++] = edges[next];
                }
                int kept = 0;
                for (int i = 0; i < count; i++)
                {
                    var e = active[i];
                    if (e.YBottom <= y) continue; // finished: dropped
                    active[kept] = e;
                    crossing[kept++] = e.XTop + (y - e.YTop) * e.Slope;
                }
                count = kept;
                SortByCrossing(active, crossing, count);
                int winding = 0;
                double start = 0;
                for (int i = 0; i < count; i++)
                {
                    int before = winding;
                    winding += active[i].Direction;
                    if (before == 0 && winding != 0) start = crossing[i];
                    else if (before != 0 && winding == 0) AddSpan(start, crossing[i], weight, partial, runs, image.Width, ref minX, ref maxX);
                }
            }
            if (maxX < 0) continue;
            double run = 0;
            for (int x = minX; x <= maxX; x++)
            {
                run += runs[x];
                PixelBlend.Over(image, x, row, colour, partial[x] + run);
                partial[x] = 0;
                runs[x] = 0;
            }
            runs[maxX + 1] = 0;
        }
    }

    /// <summary>
    /// Insertion sort: the active edges stay in the order of the previous sample line, where their crossings were
    /// a hair away, so they are nearly sorted already and this costs little more than one pass.
    /// </summary>
    private static void SortByCrossing(Edge[] active, double[] crossing, int count)
    {
        for (int i = 1; i < count; i++)
        {
            double x = crossing[i];
            if (crossing[i - 1] <= x) continue;
            var edge = active[i];
            int j = i - 1;
            for (; j >= 0 && crossing[j] > x; j--)
            {
                crossing[j + 1] = crossing[j];
                active[j + 1] = active[j];
            }
            crossing[j + 1] = x;
            active[j + 1] = edge;
        }
    }

    /// <summary>Adds the span [x0, x1) of one sample line, clipped to the image, with fractional end pixels.</summary>
    private static void AddSpan(double x0, double x1, double weight, double[] partial, double[] runs, int width, ref int minX, ref int maxX)
    {
        x0 = Math.Max(x0, 0);
        x1 = Math.Min(x1, width);
        if (x1 <= x0) return;
        int first = (int)x0, end = (int)x1; // end may equal width when the span reaches the right edge
        minX = Math.Min(minX, first);
        maxX = Math.Max(maxX, Math.Min(end, width - 1));
        if (end == first)
        {
            partial[first] += (x1 - x0) * weight;
            return;
        }
        partial[first] += (first + 1 - x0) * weight;
        runs[first + 1] += weight;
        runs[end] -= weight;
        if (end < width) partial[end] += (x1 - end) * weight;
    }
}
