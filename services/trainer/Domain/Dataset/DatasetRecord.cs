using System.Text.Json.Serialization;

namespace MesoStream.Trainer.Dataset;

/// <summary>
/// One structure of the training dataset: the eleven descriptors (paper Fig. 9a) and the nine effective properties.
/// Column names (Parquet, CSV) are the snake_case names of the attributes. r_eq and mean_pore_size are radii in µm,
/// areas in 1/m; a non-percolating direction has τ = +∞ (and σ = 0) and stays in the dataset.
/// </summary>
public sealed class DatasetRecord
{
    [JsonPropertyName("id")]
    public string Id { get; set; } = string.Empty;
    [JsonPropertyName("v_am")]
    public double ActiveFraction { get; set; }
    [JsonPropertyName("v_s")]
    public double BinderFraction { get; set; }
    [JsonPropertyName("omega")]
    public double Omega { get; set; }
    [JsonPropertyName("gamma")]
    public double Gamma { get; set; }
    [JsonPropertyName("r_eq")]
    public double EquivalentRadiusUm { get; set; }
    [JsonPropertyName("eccentricity")]
    public double Eccentricity { get; set; }
    [JsonPropertyName("rectangularity")]
    public double Rectangularity { get; set; }
    [JsonPropertyName("sphericity")]
    public double Sphericity { get; set; }
    [JsonPropertyName("mean_pore_size")]
    public double MeanPoreRadiusUm { get; set; }
    [JsonPropertyName("a1")]
    public double A1 { get; set; }
    [JsonPropertyName("a2")]
    public double A2 { get; set; }
    [JsonPropertyName("tau_x")]
    public double TauX { get; set; }
    [JsonPropertyName("tau_y")]
    public double TauY { get; set; }
    [JsonPropertyName("tau_z")]
    public double TauZ { get; set; }
    [JsonPropertyName("sigma_x")]
    public double SigmaX { get; set; }
    [JsonPropertyName("sigma_y")]
    public double SigmaY { get; set; }
    [JsonPropertyName("sigma_z")]
    public double SigmaZ { get; set; }
    [JsonPropertyName("a01")]
    public double A01 { get; set; }
    [JsonPropertyName("a02")]
    public double A02 { get; set; }
    [JsonPropertyName("a12")]
    public double A12 { get; set; }

    /// <summary>The eleven descriptors in D1…D11 order.</summary>
    public double[] Descriptors() => [ActiveFraction, BinderFraction, Omega, Gamma, EquivalentRadiusUm, Eccentricity, Rectangularity, Sphericity, MeanPoreRadiusUm, A1, A2];
}
