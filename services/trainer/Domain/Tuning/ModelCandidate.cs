using MesoStream.Contracts.Models;
using MesoStream.Modelling.Serving;
using MesoStream.Trainer.Data;
using MesoStream.Trainer.Metrics;
using MesoStream.Trainer.Models;

namespace MesoStream.Trainer.Tuning;

/// <summary>
/// One point of a model's hyper-parameter grid in one target space. <see cref="Create"/> takes the number of boosting
/// rounds (ignored by every model but gradient boosting, whose count is chosen by early stopping up to
/// <see cref="MaxTrees"/>).
/// </summary>
public sealed record ModelCandidate(ModelKind Kind, TargetTransform Transform, string Settings, Func<int, IRegressionModel> Create, int MaxTrees = 0)
{
    public bool EarlyStopped => MaxTrees > 0;

    public string Describe(int trees) =>
        (Transform == TargetTransform.Log ? "log" : "raw") + (Settings.Length > 0 ? ", " + Settings : string.Empty) + (EarlyStopped ? $", {trees} trees" : string.Empty);
}

/// <summary>
/// A candidate scored by inner cross-validation: the chosen tree count (early-stopped models), the raw-scale R² per fold
/// and the out-of-fold predictions in the candidate's transformed space (the conformal residuals come from these).
/// </summary>
public sealed record TunedCandidate(ModelCandidate Candidate, int Trees, double[] FoldR2, double[] OutOfFold)
{
    public double MeanR2 => FoldR2.Average();

    public double StdR2 => Spread.Of(FoldR2).Sd;

    public IRegressionModel Create() => Candidate.Create(Trees);

    /// <summary>Fits a fresh model in the candidate's target space and scores it by raw-scale R² (Eq. 10) on the test rows.</summary>
    public double FitAndScore(double[][] train, double[] trainTarget, double[][] test, double[] testTarget)
    {
        var model = Create();
        model.Fit(train, Candidate.Transform.Forward(trainTarget));
        return RegressionScores.R2(testTarget, Candidate.Transform.Inverse(model.Predict(test)));
    }

    public string Settings => Candidate.Describe(Trees);
}
