using BitMiracle.LibTiff.Classic;
using MesoStream.Solver.Volumes;

namespace MesoStream.Solver.Tests;

public sealed class TiffVolumeTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mesostream-tiff-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Raw value of voxel (x, y, z) of the test stacks: distinct per voxel position so that misplaced rows or pages show.</summary>
    private static int Binary(int x, int y, int z) => (x + 2 * y + 3 * z) % 4 == 0 ? 255 : 0;

    private string Path(string name) => System.IO.Path.Combine(_dir, name);

    private static List<ushort[,]> Pages(int nx, int ny, int nz, Func<int, int, int, int> f) =>
        [.. Enumerable.Range(0, nz).Select(z => TiffStacks.Page(nx, ny, (x, y) => f(x, y, z)))];

    [Theory]
    [InlineData(Compression.NONE, 1)]
    [InlineData(Compression.NONE, 3)]
    [InlineData(Compression.LZW, 2)]
    [InlineData(Compression.ADOBE_DEFLATE, 5)]
    [InlineData(Compression.PACKBITS, 4)]
    public void A_multi_page_8_bit_file_reads_x_fastest_with_its_own_dimensions(Compression compression, int rowsPerStrip)
    {
        var file = Path("stack.tif");
        TiffStacks.Write(file, Pages(7, 5, 9, Binary), compression: compression, rowsPerStrip: rowsPerStrip);
        var read = TiffVolume.Read(file, 0.5, LabelMapping.Parse("255=0,0=1"));
        var g = read.Grid;
        Assert.Equal((7, 5, 9, 0.5), (g.Nx, g.Ny, g.Nz, g.VoxelUm));
        for (int z = 0; z < 9; z++)
        {
            for (int y = 0; y < 5; y++)
            {
                for (int x = 0; x < 7; x++)
                {
                    Assert.Equal(Binary(x, y, z) == 255 ? 0 : 1, g[x, y, z]);
                }
            }
        }

        Assert.False(read.LabelsAutomatic);
    }

    [Fact]
    public void Two_values_without_a_mapping_make_the_smaller_pore()
    {
        var file = Path("auto.tiff");
        TiffStacks.Write(file, Pages(4, 4, 3, (x, y, z) => Binary(x, y, z) == 255 ? 200 : 10));
        var read = TiffVolume.Read(file, 1);
        Assert.True(read.LabelsAutomatic);
        Assert.Equal("10=0,200=1", read.Labels.ToString());
        Assert.Equal(Binary(1, 2, 1) == 255 ? 1 : 0, read.Grid[1, 2, 1]);
    }

    [Fact]
    public void Phase_labels_already_in_the_file_are_kept()
    {
        var file = Path("labels.tif");
        TiffStacks.Write(file, Pages(3, 3, 3, (x, y, z) => (x + y + z) % 3));
        var read = TiffVolume.Read(file, 1);
        Assert.Equal("0=0,1=1,2=2", read.Labels.ToString());
        Assert.Equal(2, read.Grid[2, 0, 0]);
        Assert.Equal(1, read.Grid[0, 1, 0]);
    }

    [Fact]
    public void A_folder_of_16_bit_big_endian_slices_reads_in_natural_name_order()
    {
        var folder = Directory.CreateDirectory(Path("slices")).FullName;
        // 12 slices named slice_1 … slice_12 (unpadded): ordinal order would put slice_10 second.
        for (int z = 0; z < 12; z++)
        {
            int zz = z;
            TiffStacks.Write(System.IO.Path.Combine(folder, $"slice_{z + 1}.tif"),
                [TiffStacks.Page(6, 4, (x, y) => x == 0 && y == 0 ? (zz % 3) * 30000 : Binary(x, y, zz) == 255 ? 60000 : 0)], bits: 16, bigEndian: true);
        }

        var read = TiffVolume.Read(folder, 1, LabelMapping.Parse("0=0,30000=2,60000=1"));
        Assert.Equal(16, read.BitsPerSample);
        Assert.Equal((6, 4, 12), (read.Grid.Nx, read.Grid.Ny, read.Grid.Nz));
        for (int z = 0; z < 12; z++)
        {
            Assert.Equal(new byte[] { 0, 2, 1 }[z % 3], read.Grid[0, 0, z]);
            Assert.Equal(Binary(3, 2, z) == 255 ? 1 : 0, read.Grid[3, 2, z]);
        }
    }

    [Fact]
    public void Slices_of_different_sizes_are_refused_naming_both()
    {
        var folder = Directory.CreateDirectory(Path("mixed")).FullName;
        TiffStacks.Write(System.IO.Path.Combine(folder, "a1.tif"), [TiffStacks.Page(4, 4, (x, y) => 0)]);
        TiffStacks.Write(System.IO.Path.Combine(folder, "a2.tif"), [TiffStacks.Page(5, 4, (x, y) => 1)]);
        var e = Assert.Throws<VolumeFileException>(() => TiffVolume.Read(folder, 1));
        Assert.Contains("a2.tif", e.Message, StringComparison.Ordinal);
        Assert.Contains("5×4", e.Message, StringComparison.Ordinal);
        Assert.Contains("4×4", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Pages_of_different_sizes_in_one_file_are_refused()
    {
        var file = Path("mixed.tif");
        TiffStacks.Write(file, [TiffStacks.Page(4, 4, (x, y) => 0), TiffStacks.Page(4, 3, (x, y) => 1)]);
        var e = Assert.Throws<VolumeFileException>(() => TiffVolume.Read(file, 1));
        Assert.Contains("page 1 is 4×3", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void More_than_three_values_without_a_mapping_are_refused_with_a_suggestion()
    {
        var file = Path("four.tif");
        TiffStacks.Write(file, Pages(4, 4, 2, (x, y, z) => 10 * ((x + y) % 4)));
        var e = Assert.Throws<VolumeFileException>(() => TiffVolume.Read(file, 1));
        Assert.Contains("4 distinct values (0, 10, 20, 30)", e.Message, StringComparison.Ordinal);
        Assert.Contains("--labels", e.Message, StringComparison.Ordinal);
        var mapped = TiffVolume.Read(file, 1, LabelMapping.Parse("0=0,10=1,20=1,30=2"));
        Assert.Equal(2, mapped.Grid[3, 0, 0]);
    }

    [Fact]
    public void Values_the_mapping_does_not_name_are_refused()
    {
        var file = Path("unnamed.tif");
        TiffStacks.Write(file, Pages(4, 4, 2, (x, y, z) => x == 3 ? 7 : 0));
        var e = Assert.Throws<VolumeFileException>(() => TiffVolume.Read(file, 1, LabelMapping.Parse("0=0")));
        Assert.Contains("values 7", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unsupported_codec_is_refused_naming_it_and_the_allowed_ones()
    {
        var file = Path("jpeg.tif");
        TiffStacks.Write(file, Pages(4, 4, 1, Binary), rowsPerStrip: 4);
        TiffStacks.PatchCompression(file, (ushort)Compression.JPEG);
        var e = Assert.Throws<VolumeFileException>(() => TiffVolume.Read(file, 1));
        Assert.Contains("JPEG", e.Message, StringComparison.Ordinal);
        Assert.Contains("LZW", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Greyscale_16_bit_data_is_refused_as_not_a_segmentation()
    {
        var file = Path("grey.tif");
        TiffStacks.Write(file, Pages(32, 16, 1, (x, y, z) => 100 * (x + 32 * y)), bits: 16);
        var e = Assert.Throws<VolumeFileException>(() => TiffVolume.Read(file, 1));
        Assert.Contains("greyscale", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_a_TIFF_is_refused_naming_it()
    {
        var file = Path("fake.tif");
        File.WriteAllBytes(file, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
        var e = Assert.Throws<VolumeFileException>(() => TiffVolume.Read(file, 1));
        Assert.Contains("fake.tif", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_truncated_file_is_refused()
    {
        var file = Path("cut.tif");
        TiffStacks.Write(file, Pages(64, 64, 1, Binary), rowsPerStrip: 64);
        var bytes = File.ReadAllBytes(file);
        // Strip data follow the 8-byte header; the directory is written after them. Cutting the data in half while
        // keeping the directory leaves a strip whose byte count runs past the end of the file.
        var cut = bytes.AsSpan(0, 8 + 64 * 64 / 2).ToArray().Concat(bytes.AsSpan(8 + 64 * 64).ToArray()).ToArray();
        int ifd = BitConverter.ToInt32(bytes, 4) - 64 * 64 / 2;
        BitConverter.TryWriteBytes(cut.AsSpan(4), ifd);
        File.WriteAllBytes(file, cut);
        var e = Assert.Throws<VolumeFileException>(() => TiffVolume.Read(file, 1));
        Assert.Contains("cut.tif", e.Message, StringComparison.Ordinal);
    }
}
