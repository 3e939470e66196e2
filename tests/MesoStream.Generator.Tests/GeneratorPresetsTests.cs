using MesoStream.Contracts.Specs;

namespace MesoStream.Generator.Tests;

public class GeneratorPresetsTests
{
    [Fact]
    public void Presets_are_valid_specs_on_their_grids()
    {
        var fast = GeneratorPresets.Fast(1);
        var paper = GeneratorPresets.Paper(1);
        Assert.Equal(fast, StructureSpec.Parse(fast.ToJson()));
        Assert.Equal(paper, StructureSpec.Parse(paper.ToJson()));
        Assert.Equal(new GridSpec(64, 64, 64, 1.0), fast.Grid);
        Assert.Equal(new GridSpec(200, 200, 200, 1.0), paper.Grid);
        Assert.Equal(fast.ActiveMaterial, paper.ActiveMaterial);
        Assert.NotEqual(fast.Id, GeneratorPresets.Fast(2).Id);
        var study = GeneratorPresets.Representative(GridPreset.Study, 1);
        Assert.Equal(study, StructureSpec.Parse(study.ToJson()));
        Assert.Equal(new GridSpec(128, 128, 128, 1.0), study.Grid);
        Assert.All(Enum.GetValues<GridPreset>(), preset => Assert.Equal(GeneratorPresets.Grid(preset), GeneratorPresets.Representative(preset, 3).Grid));
    }
}
