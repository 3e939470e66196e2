namespace MesoStream.Descriptor.Pores;

/// <summary>
/// The discrete balls of the local-thickness definition. A centre with squared distance D covers the voxel centres v
/// (relative, integer) with |v|² &lt; D — strictly, so a ball never reaches a solid voxel centre. For each D the table
/// holds the ball's x-runs (one per (dy, dz) row) and, per 26-neighbour class, the largest |v − e|² over the ball, which
/// decides exactly whether the ball fits inside a neighbour's ball.
/// </summary>
internal sealed class BallTable
{
    private readonly int[] _farthestFace;   // e = (1, 0, 0)
    private readonly int[] _farthestEdge;   // e = (1, 1, 0)
    private readonly int[] _farthestCorner; // e = (1, 1, 1)
    private readonly BallRows?[] _rows;

    public BallTable(int maxSquaredRadius)
    {
        // Largest |v − e|² over |v|² = n, e with nonnegative components: attained with v ≤ 0 componentwise, so
        // v = −(a, b, c) with a, b, c ≥ 0 and |v − e|² = Σ (a_i + e_i)². The ball is symmetric under the cube group,
        // so every 26-neighbour offset is one of these three classes.
        int r = (int)Math.Ceiling(Math.Sqrt(maxSquaredRadius));
        var face = new int[maxSquaredRadius + 1];
        var edge = new int[maxSquaredRadius + 1];
        var corner = new int[maxSquaredRadius + 1];
        for (int a = 0; a <= r; a++)
        {
            for (int b = 0; b <= r; b++)
            {
                for (int c = 0; c <= r; c++)
                {
                    int n = a * a + b * b + c * c;
                    if (n > maxSquaredRadius)
                    {
                        continue;
                    }

                    face[n] = Math.Max(face[n], (a + 1) * (a + 1) + b * b + c * c);
                    edge[n] = Math.Max(edge[n], (a + 1) * (a + 1) + (b + 1) * (b + 1) + c * c);
                    corner[n] = Math.Max(corner[n], (a + 1) * (a + 1) + (b + 1) * (b + 1) + (c + 1) * (c + 1));
                }
            }
        }

        // Ball D holds |v|² ≤ D − 1: prefix maxima shifted by one.
        _farthestFace = PrefixMaxShifted(face);
        _farthestEdge = PrefixMaxShifted(edge);
        _farthestCorner = PrefixMaxShifted(corner);
        _rows = new BallRows?[maxSquaredRadius + 1];
    }

    /// <summary>
    /// True when ball D centred at c lies inside ball <paramref name="neighbourD"/> centred at the 26-neighbour c + e,
    /// where <paramref name="nonZeroComponents"/> counts e's nonzero components (1 face, 2 edge, 3 corner).
    /// </summary>
    public bool FitsInNeighbour(int d, int neighbourD, int nonZeroComponents)
    {
        var farthest = nonZeroComponents switch { 1 => _farthestFace, 2 => _farthestEdge, _ => _farthestCorner };
        return farthest[d] < neighbourD;
    }

    /// <summary>The x-runs of ball D; built once per D, thread-safe.</summary>
    public BallRows Rows(int d)
    {
        var rows = Volatile.Read(ref _rows[d]);
        if (rows is null)
        {
            rows = BallRows.Build(d);
            Volatile.Write(ref _rows[d], rows);
        }

        return rows;
    }

    private static int[] PrefixMaxShifted(int[] perNorm)
    {
        var result = new int[perNorm.Length];
        int best = 0;
        for (int d = 1; d < perNorm.Length; d++)
        {
            best = Math.Max(best, perNorm[d - 1]);
            result[d] = best;
        }

        return result;
    }
}

/// <summary>
/// Ball |v|² &lt; D as rows: for each (Dy, Dz) the x half-width Hx, so the row is x ∈ [−Hx, Hx]. Rows are ordered by
/// Dz; those with Dz = dz are the indices [<see cref="PlaneStart"/>(dz), <see cref="PlaneStart"/>(dz + 1)).
/// </summary>
internal sealed class BallRows
{
    private readonly int[] _planeStarts;

    private BallRows(int[] dy, int[] dz, int[] hx, int radius)
    {
        Dy = dy;
        Hx = hx;
        Radius = radius;
        _planeStarts = new int[2 * radius + 2];
        for (int i = 0, plane = -radius; plane <= radius + 1; plane++)
        {
            while (i < dz.Length && dz[i] < plane)
            {
                i++;
            }

            _planeStarts[plane + radius] = i;
        }
    }

    public int[] Dy { get; }
    public int[] Hx { get; }

    /// <summary>Largest |component| of any ball offset.</summary>
    public int Radius { get; }

    /// <summary>First row with Dz = <paramref name="dz"/> (−Radius ≤ dz ≤ Radius + 1).</summary>
    public int PlaneStart(int dz) => _planeStarts[dz + Radius];

    public static BallRows Build(int d)
    {
        int r = (int)Math.Floor(Math.Sqrt(d - 1));
        while ((r + 1) * (r + 1) <= d - 1)
        {
            r++;
        }

        while (r * r > d - 1)
        {
            r--;
        }

        var dys = new List<int>();
        var dzs = new List<int>();
        var hxs = new List<int>();
        for (int z = -r; z <= r; z++)
        {
            for (int y = -r; y <= r; y++)
            {
                int rest = d - 1 - y * y - z * z;
                if (rest < 0)
                {
                    continue;
                }

                int h = (int)Math.Sqrt(rest);
                while ((h + 1) * (h + 1) <= rest)
                {
                    h++;
                }

                while (h * h > rest)
                {
                    h--;
                }

                dys.Add(y);
                dzs.Add(z);
                hxs.Add(h);
            }
        }

        return new BallRows([.. dys], [.. dzs], [.. hxs], r);
    }
}
