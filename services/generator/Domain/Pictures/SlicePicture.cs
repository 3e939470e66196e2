using MesoStream.Contracts.Structures;
using SkiaSharp;

namespace MesoStream.Generator.Pictures;

/// <summary>
/// A PNG of the three mid-plane slices of a structure, side by side: x–y at z = nz/2, x–z at y = ny/2, y–z at x = nx/2
/// (in the last two, z points up). Pore black, active material grey, binder orange, panels separated by white gaps.
/// Each voxel is drawn as a square of <c>scale</c> pixels; the default makes the longest edge about 256 pixels.
/// </summary>
public static class SlicePicture
{
    private const int Gap = 4;

    private static readonly SKColor[] Palette =
    [
        new(0, 0, 0), // pore
        new(150, 150, 150), // active material
        new(255, 140, 0), // binder
    ];

    private static readonly SKColor Background = new(255, 255, 255);

    public static byte[] EncodePng(VoxelGrid grid, int scale = 0)
    {
        ArgumentNullException.ThrowIfNull(grid);
        if (scale <= 0)
        {
            scale = Math.Max(1, 256 / Math.Max(grid.Nx, Math.Max(grid.Ny, grid.Nz)));
        }

        var (nx, ny, nz) = (grid.Nx, grid.Ny, grid.Nz);
        var width = (nx + nx + ny) * scale + 4 * Gap;
        var height = Math.Max(ny, nz) * scale + 2 * Gap;
        using var bitmap = new SKBitmap(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        bitmap.Erase(Background);

        var left = Gap;
        Draw(bitmap, left, Gap, nx, ny, scale, (u, v) => grid[u, v, nz / 2]);
        left += nx * scale + Gap;
        Draw(bitmap, left, Gap, nx, nz, scale, (u, v) => grid[u, ny / 2, nz - 1 - v]);
        left += nx * scale + Gap;
        Draw(bitmap, left, Gap, ny, nz, scale, (u, v) => grid[nx / 2, u, nz - 1 - v]);

        using var image = SKImage.FromBitmap(bitmap);
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }

    public static void WritePng(VoxelGrid grid, string path, int scale = 0) => File.WriteAllBytes(path, EncodePng(grid, scale));

    /// <summary>Paints a panel of <paramref name="columns"/> × <paramref name="rows"/> voxels; label(u, v) with v counted from the top.</summary>
    private static void Draw(SKBitmap bitmap, int left, int top, int columns, int rows, int scale, Func<int, int, byte> label)
    {
        for (var v = 0; v < rows; v++)
        {
            for (var u = 0; u < columns; u++)
            {
                var l = label(u, v);
                var colour = l < Palette.Length ? Palette[l] : Background;
                for (var dy = 0; dy < scale; dy++)
                {
                    for (var dx = 0; dx < scale; dx++)
                    {
                        bitmap.SetPixel(left + u * scale + dx, top + v * scale + dy, colour);
                    }
                }
            }
        }
    }
}
