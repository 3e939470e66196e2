namespace MesoStream.Architecture.Tests;

/// <summary>
/// The dependency rules of issue 18: references point one way, hosts → domains → contracts. Each rule returns the
/// edges that break it, so a test can name them and the rules themselves can be tried on a made-up graph.
/// </summary>
public static class DependencyRules
{
    /// <summary>
    /// The references from one pure library to a service's domain that are allowed, each with its reason. Anything
    /// else a domain or shared library needs belongs in contracts or a shared library (such as modelling/).
    /// </summary>
    public static readonly IReadOnlyDictionary<(string From, string To), string> AllowedDomainReferences =
        new Dictionary<(string From, string To), string>
        {
            [("MesoStream.Predictor.Domain", "MesoStream.Generator.Domain")] =
                "the predictor answers a spec by generating its structure in-process (no solver)",
            [("MesoStream.Predictor.Domain", "MesoStream.Descriptor.Domain")] =
                "the predictor computes the descriptors of that structure in-process",
            [("MesoStream.Planner.Domain", "MesoStream.Generator.Domain")] =
                "the planner draws its candidates with the campaign sampler, so a proposed spec is one a campaign could submit",
            [("MesoStream.Planner.Domain", "MesoStream.Descriptor.Domain")] =
                "the planner scores candidates by their spec-determined descriptors, computed as the descriptor service computes D5–D8",
        };

    public static IEnumerable<Edge> ContractsReferencingAnything(ProjectGraph graph) =>
        graph.Edges.Where(e => e.From.Kind == ProjectKind.Contracts);

    public static IEnumerable<Edge> InfraReferencingMoreThanContracts(ProjectGraph graph) =>
        graph.Edges.Where(e => e.From.Kind == ProjectKind.Infra && e.To.Kind != ProjectKind.Contracts);

    public static IEnumerable<Edge> PureLibrariesReferencingOutsideTheirLayer(ProjectGraph graph) =>
        graph.Edges.Where(e => e.From.IsPureLibrary
            && e.To.Kind is not (ProjectKind.Contracts or ProjectKind.SharedLibrary)
            && !(e.To.Kind == ProjectKind.Domain && AllowedDomainReferences.ContainsKey((e.From.Name, e.To.Name))));

    public static IEnumerable<Edge> TrainerDomainReferencedByOthers(ProjectGraph graph) =>
        graph.Edges.Where(e => e.To.IsDomainOf("trainer")
            && e.From.Kind is not (ProjectKind.Cli or ProjectKind.Test)
            && !(e.From.Kind == ProjectKind.Host && e.From.Service == "trainer"));

    public static IEnumerable<Edge> TrainerDomainReferencingOtherDomains(ProjectGraph graph) =>
        graph.Edges.Where(e => e.From.IsDomainOf("trainer") && e.To.Kind == ProjectKind.Domain && e.To.Service != "trainer");

    public static IEnumerable<Edge> ProductionReferencingCliOrTests(ProjectGraph graph) =>
        graph.Edges.Where(e => e.From.Kind != ProjectKind.Test && e.To.Kind is ProjectKind.Cli or ProjectKind.Test);

    public static IEnumerable<Edge> PureLibrariesReferencingInfra(ProjectGraph graph) =>
        graph.Edges.Where(e => e.From.IsPureLibrary && e.To.Kind == ProjectKind.Infra);

    public static IEnumerable<Edge> HostsReferencingOtherServices(ProjectGraph graph) =>
        graph.Edges.Where(e => e.From.Kind == ProjectKind.Host
            && e.To.Kind is ProjectKind.Host or ProjectKind.Domain
            && e.To.Service != e.From.Service);
}
