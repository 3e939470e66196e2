namespace MesoStream.Architecture.Tests;

/// <summary>The rules themselves, on made-up graphs: the layering issue 18 asks for passes, each breach is named.</summary>
public sealed class DependencyRuleLogicTests
{
    private const string Contracts = "contracts/MesoStream.Contracts/MesoStream.Contracts.csproj";
    private const string Infra = "infra/MesoStream.Infra/MesoStream.Infra.csproj";
    private const string Modelling = "modelling/MesoStream.Modelling/MesoStream.Modelling.csproj";
    private const string Cli = "cli/MesoStream.Cli/MesoStream.Cli.csproj";
    private const string GeneratorDomain = "services/generator/Domain/MesoStream.Generator.Domain.csproj";
    private const string DescriptorDomain = "services/descriptor/Domain/MesoStream.Descriptor.Domain.csproj";
    private const string TrainerDomain = "services/trainer/Domain/MesoStream.Trainer.Domain.csproj";
    private const string TrainerHost = "services/trainer/MesoStream.Trainer.csproj";
    private const string PredictorDomain = "services/predictor/Domain/MesoStream.Predictor.Domain.csproj";
    private const string PredictorHost = "services/predictor/MesoStream.Predictor.csproj";
    private const string TrainerTests = "tests/MesoStream.Trainer.Tests/MesoStream.Trainer.Tests.csproj";

    private static readonly Func<ProjectGraph, IEnumerable<Edge>>[] Rules =
    [
        DependencyRules.ContractsReferencingAnything,
        DependencyRules.InfraReferencingMoreThanContracts,
        DependencyRules.PureLibrariesReferencingOutsideTheirLayer,
        DependencyRules.TrainerDomainReferencedByOthers,
        DependencyRules.TrainerDomainReferencingOtherDomains,
        DependencyRules.ProductionReferencingCliOrTests,
        DependencyRules.PureLibrariesReferencingInfra,
        DependencyRules.HostsReferencingOtherServices,
    ];

    /// <summary>The layering after the model code moves to modelling/ (issue 18).</summary>
    private static readonly (string, string, bool)[] Layered =
    [
        (Infra, Contracts, false),
        (Modelling, Contracts, false),
        (GeneratorDomain, Contracts, false),
        (DescriptorDomain, Contracts, false),
        (TrainerDomain, Modelling, false),
        (TrainerHost, TrainerDomain, false),
        (TrainerHost, Infra, false),
        (PredictorDomain, Modelling, false),
        (PredictorDomain, GeneratorDomain, false),
        (PredictorDomain, DescriptorDomain, false),
        (PredictorHost, PredictorDomain, false),
        (PredictorHost, Infra, false),
        (Cli, TrainerDomain, false),
        (Cli, TrainerHost, true),
        (TrainerTests, TrainerDomain, false),
    ];

    [Fact]
    public void The_layered_graph_breaks_no_rule() =>
        Assert.All(Rules, rule => Assert.Empty(rule(ProjectGraph.FromPaths(Layered))));

    [Theory]
    [InlineData(PredictorDomain, TrainerDomain, "TrainerDomainReferencedByOthers")]
    [InlineData(TrainerDomain, DescriptorDomain, "TrainerDomainReferencingOtherDomains")]
    [InlineData(TrainerDomain, GeneratorDomain, "PureLibrariesReferencingOutsideTheirLayer")]
    [InlineData(Modelling, DescriptorDomain, "PureLibrariesReferencingOutsideTheirLayer")]
    [InlineData(GeneratorDomain, Infra, "PureLibrariesReferencingInfra")]
    [InlineData(Modelling, Infra, "PureLibrariesReferencingInfra")]
    [InlineData(Infra, GeneratorDomain, "InfraReferencingMoreThanContracts")]
    [InlineData(Contracts, Modelling, "ContractsReferencingAnything")]
    [InlineData(TrainerHost, Cli, "ProductionReferencingCliOrTests")]
    [InlineData(PredictorDomain, TrainerTests, "ProductionReferencingCliOrTests")]
    [InlineData(PredictorHost, TrainerHost, "HostsReferencingOtherServices")]
    [InlineData(PredictorHost, TrainerDomain, "HostsReferencingOtherServices")]
    public void A_breach_is_named_by_its_rule(string from, string to, string rule)
    {
        var graph = ProjectGraph.FromPaths([.. Layered, (from, to, false)]);
        var breaking = Rules.Where(r => r(graph).Any()).Select(r => r.Method.Name).ToList();

        Assert.Contains(rule, breaking);
        Assert.All(Rules.Where(r => r.Method.Name == rule), r => Assert.Equal($"{Name(from)} → {Name(to)}", Assert.Single(r(graph)).ToString()));
    }

    private static string Name(string path) => Path.GetFileNameWithoutExtension(path);
}
