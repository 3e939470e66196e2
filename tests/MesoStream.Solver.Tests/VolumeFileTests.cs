using MesoStream.Solver.Volumes;

namespace MesoStream.Solver.Tests;

public sealed class VolumeFileTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"mesostream-volume-{Guid.NewGuid():N}.raw");

    public void Dispose() => File.Delete(_path);

    [Fact]
    public void Reads_uint8_labels_x_fastest()
    {
        File.WriteAllBytes(_path, [0, 1, 2, 0, 1, 2, 0, 0, 1, 1, 2, 2]);
        var g = VolumeFile.Read(_path, 3, 2, 2, 0.5);
        Assert.Equal(2, g[2, 0, 0]);
        Assert.Equal(0, g[0, 1, 0]);
        Assert.Equal(2, g[2, 1, 1]);
        Assert.Equal(0.5, g.VoxelUm);
    }

    [Fact]
    public void Rejects_a_16_bit_file_naming_the_problem()
    {
        File.WriteAllBytes(_path, new byte[2 * 4 * 4 * 4]);
        var e = Assert.Throws<VolumeFileException>(() => VolumeFile.Read(_path, 4, 4, 4, 1));
        Assert.Contains("16-bit", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_values_outside_the_phase_labels_and_offers_a_mapping()
    {
        File.WriteAllBytes(_path, [0, 255, 255, 0, 0, 0, 255, 0]);
        var e = Assert.Throws<VolumeFileException>(() => VolumeFile.Read(_path, 2, 2, 2, 1));
        Assert.Contains("255", e.Message, StringComparison.Ordinal);
        Assert.Contains("\"0=0,255=1\"", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_label_mapping_turns_raw_values_into_phases()
    {
        File.WriteAllBytes(_path, [0, 255, 255, 0, 128, 0, 255, 0]);
        var g = VolumeFile.Read(_path, 2, 2, 2, 1, LabelMapping.Parse("0=0, 255=1, 128=2"));
        Assert.Equal([0, 1, 1, 0, 2, 0, 1, 0], g.Labels);
        var e = Assert.Throws<VolumeFileException>(() => VolumeFile.Read(_path, 2, 2, 2, 1, LabelMapping.Parse("0=0,255=1")));
        Assert.Contains("128", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("0=3")]
    [InlineData("65536=1")]
    [InlineData("0=0,0=1")]
    [InlineData("a=b")]
    public void Malformed_mappings_are_rejected(string text) =>
        Assert.Throws<FormatException>(() => LabelMapping.Parse(text));

    [Fact]
    public void A_size_mismatch_names_both_sizes()
    {
        File.WriteAllBytes(_path, new byte[10]);
        var e = Assert.Throws<VolumeFileException>(() => VolumeFile.Read(_path, 2, 2, 2, 1));
        Assert.Contains("10 bytes", e.Message, StringComparison.Ordinal);
        Assert.Contains("8", e.Message, StringComparison.Ordinal);
    }
}
