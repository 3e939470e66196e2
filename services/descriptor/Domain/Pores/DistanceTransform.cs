using MesoStream.Contracts.Structures;

namespace MesoStream.Descriptor.Pores;

/// <summary>
/// Exact squared Euclidean distance transform (Felzenszwalb &amp; Huttenlocher, Theory of Computing 8 (2012) 415;
/// separable like Saito–Toriwaki): for every pore voxel the squared distance, in voxel units, from its centre to the
/// nearest solid (AM or binder) voxel centre; 0 on solid voxels. Only voxels inside the grid count as solid: the domain
/// boundary is open. Squared distances are integers, so the result is exact. Parallel over lines.
/// </summary>
public static class DistanceTransform
{
    /// <summary>Marks a voxel with no solid voxel anywhere in the grid (a grid without solid).</summary>
    public const int Infinite = int.MaxValue;

    public static int[] SquaredDistanceToSolid(VoxelGrid grid)
    {
        ArgumentNullException.ThrowIfNull(grid);
        int nx = grid.Nx, ny = grid.Ny, nz = grid.Nz;
        var labels = grid.Labels;
        var d2 = new int[labels.Length];

        // Pass 1, along x: 1-D distance to the nearest solid voxel in the row, by a forward and a backward sweep.
        Parallel.For(0, ny * nz, row =>
        {
            var line = d2.AsSpan(row * nx, nx);
            var src = labels.AsSpan(row * nx, nx);
            int last = -1;
            for (int x = 0; x < nx; x++)
            {
                if (src[x] != VoxelLabels.Pore)
                {
                    last = x;
                }

                line[x] = last < 0 ? Infinite : x - last;
            }

            last = -1;
            for (int x = nx - 1; x >= 0; x--)
            {
                if (src[x] != VoxelLabels.Pore)
                {
                    last = x;
                }

                if (last >= 0 && last - x < line[x])
                {
                    line[x] = last - x;
                }
            }

            for (int x = 0; x < nx; x++)
            {
                if (line[x] != Infinite)
                {
                    line[x] *= line[x];
                }
            }
        });

        // Passes 2 and 3, along y then z: lower envelope of parabolas over each line.
        TransformAxis(d2, count: ny, stride: nx, lines: nx * nz, lineStart: l => l % nx + nx * ny * (l / nx));
        TransformAxis(d2, count: nz, stride: nx * ny, lines: nx * ny, lineStart: l => l);
        return d2;
    }

    private static void TransformAxis(int[] d2, int count, int stride, int lines, Func<int, int> lineStart)
    {
        Parallel.For(0, lines, () => new EnvelopeBuffers(count), (l, _, buffers) =>
        {
            int start = lineStart(l);
            var f = buffers.Input;
            for (int i = 0; i < count; i++)
            {
                f[i] = d2[start + i * stride];
            }

            LowerEnvelope(f, buffers);
            var result = buffers.Output;
            for (int i = 0; i < count; i++)
            {
                d2[start + i * stride] = result[i];
            }

            return buffers;
        }, _ => { });
    }

    /// <summary>1-D squared EDT of sampled function f: out[q] = min_p (q − p)² + f[p], over the finite f[p].</summary>
    private static void LowerEnvelope(int[] f, EnvelopeBuffers b)
    {
        int n = f.Length;
        var v = b.Sites;
        var z = b.Bounds;
        int k = -1;
        for (int q = 0; q < n; q++)
        {
            if (f[q] == Infinite)
            {
                continue;
            }

            long fq = f[q] + (long)q * q;
            while (k >= 0)
            {
                double s = Intersection(fq, q, f[v[k]] + (long)v[k] * v[k], v[k]);
                if (s > z[k])
                {
                    break;
                }

                k--;
            }

            k++;
            v[k] = q;
            z[k] = k == 0 ? double.NegativeInfinity : Intersection(fq, q, f[v[k - 1]] + (long)v[k - 1] * v[k - 1], v[k - 1]);
        }

        var output = b.Output;
        if (k < 0)
        {
            Array.Fill(output, Infinite);
            return;
        }

        int j = 0;
        for (int q = 0; q < n; q++)
        {
            while (j < k && z[j + 1] < q)
            {
                j++;
            }

            long dq = q - v[j];
            output[q] = (int)(dq * dq + f[v[j]]);
        }
    }

    /// <summary>Abscissa where parabola (q, f_q) overtakes parabola (p, f_p), with fq, fp already holding f + site².</summary>
    private static double Intersection(long fq, int q, long fp, int p) => (fq - fp) / (2.0 * (q - p));

    private sealed class EnvelopeBuffers(int n)
    {
        public int[] Input { get; } = new int[n];
        public int[] Output { get; } = new int[n];
        public int[] Sites { get; } = new int[n];
        public double[] Bounds { get; } = new double[n];
    }
}
