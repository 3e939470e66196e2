using MesoStream.Contracts.Structures;
using MesoStream.Generator.Pictures;
using SkiaSharp;

namespace MesoStream.Generator.Tests;

public class SlicePictureTests
{
    [Fact]
    public void The_png_decodes_to_three_panels_in_the_phase_colours()
    {
        const int n = 16;
        var labels = new byte[n * n * n];
        var grid = new VoxelGrid(n, n, n, 1.0, labels);
        labels[grid.Index(3, 5, n / 2)] = VoxelLabels.ActiveMaterial;
        labels[grid.Index(4, 5, n / 2)] = VoxelLabels.Binder;

        var png = SlicePicture.EncodePng(grid, scale: 2);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
        using var bitmap = SKBitmap.Decode(png);
        Assert.Equal(3 * n * 2 + 4 * 4, bitmap.Width);
        Assert.Equal(n * 2 + 2 * 4, bitmap.Height);

        // x–y panel starts at (4, 4); voxel (x, y) covers pixels 4 + 2x, 4 + 2y.
        Assert.Equal(new SKColor(150, 150, 150), bitmap.GetPixel(4 + 2 * 3, 4 + 2 * 5));
        Assert.Equal(new SKColor(255, 140, 0), bitmap.GetPixel(4 + 2 * 4 + 1, 4 + 2 * 5 + 1));
        Assert.Equal(new SKColor(0, 0, 0), bitmap.GetPixel(4, 4));
        Assert.Equal(new SKColor(255, 255, 255), bitmap.GetPixel(1, 1));
    }

    [Fact]
    public void A_generated_structure_can_be_pictured()
    {
        var result = StructureGenerator.Generate(GeneratorPresets.Fast(3), new GeneratorOptions(2));
        var png = SlicePicture.EncodePng(result.Grid);
        using var bitmap = SKBitmap.Decode(png);
        Assert.Equal(3 * 64 * 4 + 16, bitmap.Width);
    }
}
