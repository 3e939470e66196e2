using SkiaSharp;

namespace MesoStream.Cli.Fields;

/// <summary>
/// A PNG of one plane of the flux magnitude, on a perceptually ordered dark-to-bright colour scale from 0 to the
/// plane's largest value (voxels outside the solve carry 0 and show dark), scaled up so small grids stay visible.
/// </summary>
internal static class FluxPicture
{
    /// <summary>Anchors of the scale (viridis at 0, ¼, ½, ¾, 1), interpolated linearly between them.</summary>
    private static readonly (byte R, byte G, byte B)[] s_scale = [(68, 1, 84), (59, 82, 139), (33, 145, 140), (94, 201, 98), (253, 231, 37)];

    /// <summary>Writes a <paramref name="width"/> × <paramref name="height"/> plane (u fastest, v = 0 at the top).</summary>
    public static void Write(string path, float[] plane, int width, int height)
    {
        float max = 0;
        foreach (float v in plane)
        {
            max = Math.Max(max, v);
        }

        int scale = Math.Max(1, 512 / Math.Max(width, height));
        using var bitmap = new SKBitmap(width * scale, height * scale, SKColorType.Rgba8888, SKAlphaType.Opaque);
        for (int v = 0; v < height; v++)
        {
            for (int u = 0; u < width; u++)
            {
                var colour = Colour(max > 0 ? plane[u + width * v] / max : 0);
                for (int dy = 0; dy < scale; dy++)
                {
                    for (int dx = 0; dx < scale; dx++)
                    {
                        bitmap.SetPixel(u * scale + dx, v * scale + dy, colour);
                    }
                }
            }
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        File.WriteAllBytes(path, png.ToArray());
    }

    private static SKColor Colour(double t)
    {
        t = Math.Clamp(double.IsFinite(t) ? t : 0, 0, 1) * (s_scale.Length - 1);
        int k = Math.Min((int)t, s_scale.Length - 2);
        double f = t - k;
        var (a, b) = (s_scale[k], s_scale[k + 1]);
        return new SKColor((byte)(a.R + f * (b.R - a.R)), (byte)(a.G + f * (b.G - a.G)), (byte)(a.B + f * (b.B - a.B)));
    }
}
