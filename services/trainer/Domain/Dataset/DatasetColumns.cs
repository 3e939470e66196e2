using MesoStream.Contracts.Arrow;
using MesoStream.Contracts.Messaging;

namespace MesoStream.Trainer.Dataset;

/// <summary>
/// The mapping between a descriptors-computed feature row (descriptor symbols and property names of the descriptor
/// service) and a <see cref="DatasetRecord"/>: one table, so the CSV, the Parquet file and the fold agree.
/// </summary>
public static class DatasetColumns
{
    /// <summary>(dataset column, feature-batch column, getter, setter), in CSV order after <c>id</c>.</summary>
    public static IReadOnlyList<(string Column, string Source, Func<DatasetRecord, double> Get, Action<DatasetRecord, double> Set)> All { get; } =
    [
        ("v_am", "v_am", r => r.ActiveFraction, (r, v) => r.ActiveFraction = v),
        ("v_s", "v_s", r => r.BinderFraction, (r, v) => r.BinderFraction = v),
        ("omega", "omega", r => r.Omega, (r, v) => r.Omega = v),
        ("gamma", "gamma", r => r.Gamma, (r, v) => r.Gamma = v),
        ("r_eq", "r_eq_um", r => r.EquivalentRadiusUm, (r, v) => r.EquivalentRadiusUm = v),
        ("eccentricity", "ecc", r => r.Eccentricity, (r, v) => r.Eccentricity = v),
        ("rectangularity", "rect", r => r.Rectangularity, (r, v) => r.Rectangularity = v),
        ("sphericity", "sph", r => r.Sphericity, (r, v) => r.Sphericity = v),
        ("mean_pore_size", "r_pore_um", r => r.MeanPoreRadiusUm, (r, v) => r.MeanPoreRadiusUm = v),
        ("a1", "a1", r => r.A1, (r, v) => r.A1 = v),
        ("a2", "a2", r => r.A2, (r, v) => r.A2 = v),
        ("tau_x", "tau_x", r => r.TauX, (r, v) => r.TauX = v),
        ("tau_y", "tau_y", r => r.TauY, (r, v) => r.TauY = v),
        ("tau_z", "tau_z", r => r.TauZ, (r, v) => r.TauZ = v),
        ("sigma_x", "sigma_x", r => r.SigmaX, (r, v) => r.SigmaX = v),
        ("sigma_y", "sigma_y", r => r.SigmaY, (r, v) => r.SigmaY = v),
        ("sigma_z", "sigma_z", r => r.SigmaZ, (r, v) => r.SigmaZ = v),
        ("a01", "a01", r => r.A01, (r, v) => r.A01 = v),
        ("a02", "a02", r => r.A02, (r, v) => r.A02 = v),
        ("a12", "a12", r => r.A12, (r, v) => r.A12 = v),
    ];

    /// <summary>The eleven descriptor columns (D1…D11, the featurizer's input order).</summary>
    public static IReadOnlyList<string> Descriptors { get; } = [.. All.Take(11).Select(c => c.Column)];

    /// <summary>The nine effective-property columns, the regression targets.</summary>
    public static IReadOnlyList<string> Properties { get; } = [.. All.Skip(11).Select(c => c.Column)];

    /// <summary>The records of a descriptors-computed batch; a row missing a column is refused, naming it.</summary>
    public static IEnumerable<DatasetRecord> FromFeatureBatch(FeatureBatch batch)
    {
        var sources = All.Select(c => (c.Set, Values: batch.Numeric.FirstOrDefault(n => n.Key == c.Source).Value
            ?? throw new InvalidMessageException(c.Source, $"column is missing: the dataset needs it for {c.Column}"))).ToList();
        for (var row = 0; row < batch.RowCount; row++)
        {
            var record = new DatasetRecord { Id = batch.Ids[row] };
            foreach (var (set, values) in sources)
            {
                set(record, values[row]);
            }

            yield return record;
        }
    }
}
