namespace MesoStream.Architecture.Tests;

/// <summary>Each dependency rule of issue 18 against the repository's .csproj files; a failure names the edges.</summary>
public sealed class DependencyRuleTests
{
    private static readonly ProjectGraph Graph = ProjectGraph.Load();

    [Fact]
    public void The_graph_holds_every_layer_so_no_rule_passes_vacuously()
    {
        var kinds = Graph.Projects.Select(p => p.Kind).ToHashSet();
        foreach (var kind in new[] { ProjectKind.Contracts, ProjectKind.Infra, ProjectKind.Domain, ProjectKind.Host, ProjectKind.Cli, ProjectKind.Test })
        {
            Assert.True(kinds.Contains(kind), $"no {kind} project found under {Graph.Root}: has the layout changed?");
        }

        Assert.Contains(Graph.Projects, p => p.IsDomainOf("trainer"));
    }

    [Fact]
    public void Every_project_reference_names_a_project_of_the_repository() =>
        Assert.True(Graph.Unresolved.Count == 0, "ProjectReference to no .csproj here: " + string.Join("; ", Graph.Unresolved));

    [Fact]
    public void Every_allowed_domain_reference_exists_and_gives_a_reason()
    {
        foreach (var ((from, to), reason) in DependencyRules.AllowedDomainReferences)
        {
            Assert.False(string.IsNullOrWhiteSpace(reason), $"{from} → {to} is allowed without a reason");
            Assert.True(
                Graph.Edges.Any(e => e.From.Name == from && e.To.Name == to),
                $"{from} → {to} is allowed but no longer exists: remove it from DependencyRules.AllowedDomainReferences");
        }
    }

    [Fact]
    public void Contracts_reference_no_project() =>
        AssertNone(DependencyRules.ContractsReferencingAnything(Graph), "contracts must reference no project");

    [Fact]
    public void Infra_references_only_contracts() =>
        AssertNone(DependencyRules.InfraReferencingMoreThanContracts(Graph), "infra may reference only contracts");

    [Fact]
    public void Domains_and_shared_libraries_reference_only_contracts_shared_libraries_and_allowed_domains() =>
        AssertNone(
            DependencyRules.PureLibrariesReferencingOutsideTheirLayer(Graph),
            "a domain or shared library may reference only contracts, shared libraries and the domains in "
            + "DependencyRules.AllowedDomainReferences (add one only with its reason)");

    [Fact]
    public void Only_the_trainer_host_the_cli_and_tests_reference_the_trainer_domain() =>
        AssertNone(
            DependencyRules.TrainerDomainReferencedByOthers(Graph),
            "only the trainer host, the cli and tests may reference the trainer's domain (shared model code belongs in a shared library)");

    [Fact]
    public void The_trainer_domain_references_no_other_service_domain() =>
        AssertNone(DependencyRules.TrainerDomainReferencingOtherDomains(Graph), "the trainer's domain must reference no other service's domain");

    [Fact]
    public void No_service_or_library_references_the_cli_or_a_test_project() =>
        AssertNone(DependencyRules.ProductionReferencingCliOrTests(Graph), "only tests may reference the cli or a test project");

    [Fact]
    public void No_domain_or_shared_library_references_infra() =>
        AssertNone(DependencyRules.PureLibrariesReferencingInfra(Graph), "domains and shared libraries are Kafka-free: no reference to infra");

    [Fact]
    public void A_host_references_no_other_service_host_or_domain() =>
        AssertNone(DependencyRules.HostsReferencingOtherServices(Graph), "a service host may reference only its own domain (and infra, contracts, shared libraries)");

    private static void AssertNone(IEnumerable<Edge> offending, string rule)
    {
        var edges = offending.Select(e => $"{e} (in {e.From.RelativePath})").ToList();
        Assert.True(edges.Count == 0, $"{rule}; offending: {string.Join("; ", edges)}");
    }
}
