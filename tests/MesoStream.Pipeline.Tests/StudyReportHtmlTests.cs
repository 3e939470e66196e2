using MesoStream.Cli.Report;
using MesoStream.Testing;

namespace MesoStream.Pipeline.Tests;

/// <summary>
/// The report page embeds its figures and counts, in a real browser, the ones that fail to decode — so the check the
/// end-to-end test relies on is shown here to catch a broken image.
/// </summary>
public sealed class StudyReportHtmlTests : IDisposable
{
    private readonly string _report = Directory.CreateTempSubdirectory("mesostream-report").FullName;

    [Fact]
    public void FiguresAreEmbeddedAndABrokenOneIsCountedByChromium()
    {
        Directory.CreateDirectory(Path.Combine(_report, "figures"));
        var plot = MesoStream.Trainer.Reporting.PlotFont.NewPlot();
        plot.Add.ScatterPoints(new double[] { 1, 2, 3 }, new double[] { 1, 4, 9 });
        plot.SavePng(Path.Combine(_report, "figures", "good.png"), 200, 150);
        File.WriteAllBytes(Path.Combine(_report, "figures", "corrupt.png"), [0x89, 0x50, 0x4E, 0x47, 1, 2, 3]);

        var page = StudyReportHtml.Write("# t\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n![good](figures/good.png)\n\n![corrupt](figures/corrupt.png)\n", _report, "t");
        var html = File.ReadAllText(page);
        Assert.Contains("<table>", html);
        Assert.Contains("src=\"data:image/png;base64,", html);
        Assert.DoesNotContain("src=\"figures/", html);

        var dom = HeadlessChromium.DumpDom(page);
        Assert.Equal("2", HeadlessChromium.RootAttribute(dom, "data-images"));
        Assert.Equal("1", HeadlessChromium.RootAttribute(dom, "data-broken-images"));
        Assert.Contains("1 figure(s) failed to load: corrupt", dom);
    }

    public void Dispose() => Directory.Delete(_report, recursive: true);
}
