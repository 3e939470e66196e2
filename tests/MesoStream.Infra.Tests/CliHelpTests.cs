using MesoStream.Testing;

namespace MesoStream.Infra.Tests;

/// <summary>Every verb answers --help with its usage and exit code 0 (a markup character in a description used to crash it).</summary>
public sealed class CliHelpTests
{
    [Theory]
    [InlineData("up")]
    [InlineData("broker")]
    [InlineData("topics create")]
    [InlineData("generate")]
    [InlineData("solve")]
    [InlineData("describe")]
    [InlineData("train")]
    [InlineData("dataset export")]
    [InlineData("dataset import")]
    [InlineData("retrain")]
    [InlineData("predict")]
    [InlineData("screen")]
    [InlineData("campaign submit")]
    [InlineData("bench messaging")]
    [InlineData("bench codec")]
    [InlineData("bench generator")]
    [InlineData("bench descriptor")]
    [InlineData("bench trainer")]
    [InlineData("bench predictor")]
    [InlineData("bench rve")]
    [InlineData("bench solver")]
    public void Every_verb_prints_its_help(string verb)
    {
        using var cli = ChildProcess.StartProject("MesoStream.Cli", "mesostream", [.. verb.Split(' '), "--help"]);
        Assert.True(cli.WaitForExit(TimeSpan.FromSeconds(60)), "no answer: " + cli.Diagnostics());
        var output = string.Join('\n', cli.Stdout) + string.Join('\n', cli.Stderr);
        Assert.True(cli.ExitCode == 0, $"exit {cli.ExitCode}: {output}");
        Assert.Contains("USAGE", output);
        Assert.DoesNotContain("error:", string.Join('\n', cli.Stderr), StringComparison.Ordinal);
    }
}
