using MesoStream.Contracts.Specs;

namespace MesoStream.Planner.Candidates;

/// <summary>One unsimulated design: its spec and its spec-determined descriptors (<c>Descriptors.SpecDetermined</c> order).</summary>
public sealed record Candidate(StructureSpec Spec, double[] Descriptors);
