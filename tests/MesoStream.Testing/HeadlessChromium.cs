using System.Text.RegularExpressions;

namespace MesoStream.Testing;

/// <summary>
/// Debian's Chromium, headless: loads a page as a reader's browser would (decoding every image, running its scripts)
/// and returns the DOM after the load event — the study report records there how many of its images decoded.
/// </summary>
public static partial class HeadlessChromium
{
    public static string DumpDom(string htmlFile) =>
        InstalledTool.Run("chromium", "chromium",
            ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--virtual-time-budget=20000", "--dump-dom", new Uri(Path.GetFullPath(htmlFile)).AbsoluteUri],
            string.Empty, TimeSpan.FromMinutes(2));

    /// <summary>The value of attribute <paramref name="name"/> on the dumped page's root element, or null.</summary>
    public static string? RootAttribute(string dom, string name)
    {
        var root = RootElement().Match(dom);
        if (!root.Success)
        {
            return null;
        }

        var attribute = Regex.Match(root.Value, $@"\b{Regex.Escape(name)}=""([^""]*)""");
        return attribute.Success ? attribute.Groups[1].Value : null;
    }

    [GeneratedRegex("<html[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex RootElement();
}
