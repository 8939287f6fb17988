namespace LayerEntropy.Reports;

/// <summary>
/// Turns a stroked polyline into closed contours that <see cref="ScanlineFill"/> fills: a rectangle per segment
/// (butt ends, as SVG's default cap) and a bevel at each interior vertex. Every contour winds the same
/// way, so under the non-zero rule their overlaps count once and the stroke is their union.
/// </summary>
internal static class StrokeOutline
{
    /// <summary>Contours of the stroke; a dashed stroke is cut into dashes along its whole length, across vertices.</summary>
    public static List<IReadOnlyList<Point>> Polyline(IReadOnlyList<Point> points, double width, bool dashed)
    {
        var contours = new List<IReadOnlyList<Point>>();
        if (width <= 0 || points.Count < 2) return contours;
        if (dashed)
        {
            var (dash, gap) = CanvasArguments.DashPattern(width);
            foreach (var piece in Dashes(points, dash, gap)) AddPiece(piece, width / 2, contours);
        }
        else
        {
            AddPiece(points, width / 2, contours);
        }
        return contours;
    }

    /// <summary>
    /// A disc as a regular polygon with the same winding as the segments. Its corners lie a little outside the
    /// circle, so that it has the circle's area, and sagging at most 1/20 of a unit (a pixel, as the raster canvas
    /// calls it) between them.
    /// </summary>
    public static Point[] Disc(Point centre, double radius)
    {
        int corners = radius <= 0.05 ? 8 : (int)Math.Clamp(Math.Ceiling(Math.PI / Math.Acos(1 - 0.05 / radius)), 8, 1024);
        double step = 2 * Math.PI / corners;
        double outer = radius * Math.Sqrt(step / Math.Sin(step)); // area n/2·R²·sin(2π/n) = πr²
        var disc = new Point[corners];
        for (int i = 0; i < corners; i++)
            disc[i] = new Point(centre.X + outer * Math.Cos(i * step), centre.Y + outer * Math.Sin(i * step));
        return disc;
    }

    private static void AddPiece(IReadOnlyList<Point> piece, double half, List<IReadOnlyList<Point>> contours)
    {
        Point? previousNormal = null;
        for (int i = 0; i + 1 < piece.Count; i++)
        {
            Point p = piece[i], q = piece[i + 1];
            double dx = q.X - p.X, dy = q.Y - p.Y, length = Math.Sqrt(dx * dx + dy * dy);
            if (length == 0) continue;
            var n = new Point(-dy / length * half, dx / length * half);
            // This corner order has the disc's winding (positive shoelace area), whatever the segment's direction.
            contours.Add([new(p.X - n.X, p.Y - n.Y), new(q.X - n.X, q.Y - n.Y), new(q.X + n.X, q.Y + n.Y), new(p.X + n.X, p.Y + n.Y)]);
            if (previousNormal is { } m) AddJoin(p, m, n, contours);
            previousNormal = n;
        }
    }

    /// <summary>
    /// A bevel join: the quadrilateral through both segments' corners at the shared vertex, which closes the wedge
    /// on the outside of the turn. Four edges instead of a disc's dozens keep long series quick to fill, and at
    /// chart stroke widths a bevel cannot be told from a round join.
    /// </summary>
    private static void AddJoin(Point vertex, Point before, Point after, List<IReadOnlyList<Point>> contours)
    {
        double turn = before.X * after.Y - before.Y * after.X;
        if (Math.Abs(turn) < 1e-12) return; // straight on, or doubling back: nothing to close
        Point[] join =
        [
            new(vertex.X + before.X, vertex.Y + before.Y), new(vertex.X + after.X, vertex.Y + after.Y),
            new(vertex.X - before.X, vertex.Y - before.Y), new(vertex.X - after.X, vertex.Y - after.Y),
        ];
        if (turn < 0) Array.Reverse(join);
        contours.Add(join);
    }

    /// <summary>The drawn stretches of the dash pattern (starting with a dash) laid along the polyline.</summary>
    private static List<List<Point>> Dashes(IReadOnlyList<Point> points, double dash, double gap)
    {
        var pieces = new List<List<Point>>();
        List<Point>? current = [points[0]];
        double remaining = dash;
        for (int i = 0; i + 1 < points.Count; i++)
        {
            Point p = points[i], q = points[i + 1];
            double length = Math.Sqrt((q.X - p.X) * (q.X - p.X) + (q.Y - p.Y) * (q.Y - p.Y));
            double t = 0;
            while (t < length)
            {
                bool reachesEnd = remaining >= length - t;
                double step = reachesEnd ? length - t : remaining;
                t = reachesEnd ? length : t + step;
                remaining -= step;
                var at = reachesEnd ? q : new Point(p.X + (q.X - p.X) * t / length, p.Y + (q.Y - p.Y) * t / length);
                current?.Add(at);
                if (remaining > 1e-9) continue;
                if (current is not null)
                {
                    pieces.Add(current);
                    current = null;
                    remaining = gap;
                }
                else
                {
                    current = [at];
                    remaining = dash;
                }
            }
        }
        if (current is { Count: >= 2 }) pieces.Add(current);
        return pieces;
    }
}
