namespace MesoStream.Solver.Surfaces;

/// <summary>
/// Separable Gaussian blur of a scalar voxel field (x fastest), kernel truncated at 3σ and renormalised, the field
/// extended by its edge values so a plane meeting the domain boundary keeps its normal there.
/// </summary>
internal static class GaussianSmoothing
{
    public static void Smooth(float[] field, int nx, int ny, int nz, double sigma)
    {
        int radius = (int)Math.Ceiling(3 * sigma);
        var kernel = new float[2 * radius + 1];
        double total = 0;
        for (int k = -radius; k <= radius; k++)
        {
            total += Math.Exp(-0.5 * k * k / (sigma * sigma));
        }

        for (int k = -radius; k <= radius; k++)
        {
            kernel[k + radius] = (float)(Math.Exp(-0.5 * k * k / (sigma * sigma)) / total);
        }

        var scratch = new float[field.Length];
        Pass(field, scratch, nx, ny, nz, kernel, stride: 1, extent: nx);
        Pass(scratch, field, nx, ny, nz, kernel, stride: nx, extent: ny);
        Array.Copy(field, scratch, field.Length);
        Pass(scratch, field, nx, ny, nz, kernel, stride: nx * ny, extent: nz);
    }

    /// <summary>Convolves along one axis (given by its stride and extent) from <paramref name="source"/> into <paramref name="target"/>.</summary>
    private static void Pass(float[] source, float[] target, int nx, int ny, int nz, float[] kernel, int stride, int extent)
    {
        int radius = kernel.Length / 2;
        int plane = nx * ny;
        Parallel.For(0, nz, z =>
        {
            for (int y = 0; y < ny; y++)
            {
                int row = nx * y + plane * z;
                for (int x = 0; x < nx; x++)
                {
                    int i = row + x;
                    int coordinate = stride == 1 ? x : stride == nx ? y : z;
                    float sum = 0;
                    for (int k = -radius; k <= radius; k++)
                    {
                        int c = Math.Clamp(coordinate + k, 0, extent - 1);
                        sum += kernel[k + radius] * source[i + (c - coordinate) * stride];
                    }

                    target[i] = sum;
                }
            }
        });
    }
}
