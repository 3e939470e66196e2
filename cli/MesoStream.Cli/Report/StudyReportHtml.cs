using System.Net;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace MesoStream.Cli.Report;

/// <summary>
/// The study report as one self-contained HTML page: index.md rendered by Markdig (pipe tables), every image it links
/// embedded as a data URI so the page can be mailed or archived alone, and a small script that counts the images the
/// browser failed to decode — written to <c>data-images</c> / <c>data-broken-images</c> on the root element and shown
/// as a banner — which the report's browser test reads from headless Chromium.
/// </summary>
public static class StudyReportHtml
{
    public const string FileName = "index.html";

    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UsePipeTables().Build();

    public static string Write(string markdown, string reportDirectory, string title)
    {
        var document = Markdown.Parse(markdown, Pipeline);
        foreach (var image in document.Descendants<LinkInline>().Where(l => l.IsImage && l.Url is not null))
        {
            var file = Path.Combine(reportDirectory, image.Url!);
            if (!image.Url!.Contains(':', StringComparison.Ordinal) && File.Exists(file))
            {
                image.Url = $"data:{MediaType(file)};base64,{Convert.ToBase64String(File.ReadAllBytes(file))}";
            }
        }

        var path = Path.Combine(reportDirectory, FileName);
        File.WriteAllText(path, Page(WebUtility.HtmlEncode(title), document.ToHtml(Pipeline)));
        return path;
    }

    private static string MediaType(string file) => Path.GetExtension(file).ToLowerInvariant() switch
    {
        ".svg" => "image/svg+xml",
        ".jpg" or ".jpeg" => "image/jpeg",
        _ => "image/png",
    };

    private static string Page(string title, string body) => $$"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{title}}</title>
        <style>
        body { font-family: system-ui, sans-serif; max-width: 1400px; margin: 1.5em auto; padding: 0 1em; line-height: 1.45; color: #222; }
        table { border-collapse: collapse; margin: 0.8em 0; font-size: 0.92em; }
        th, td { border: 1px solid #ccc; padding: 0.25em 0.55em; text-align: left; vertical-align: top; }
        th { background: #f3f3f3; }
        code { background: #f5f5f5; padding: 0 0.2em; }
        .figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(430px, 1fr)); gap: 0.8em 1.2em; }
        .figures p { margin: 0; font-size: 0.9em; }
        .figures img { width: 100%; height: auto; border: 1px solid #eee; }
        .broken { background: #fdd; border: 1px solid #c00; padding: 0.5em; font-weight: bold; }
        </style>
        </head>
        <body>
        {{body}}
        <script>
        window.addEventListener('load', () => {
          const images = [...document.images];
          const broken = images.filter(i => !i.complete || i.naturalWidth === 0);
          document.documentElement.dataset.images = images.length;
          document.documentElement.dataset.brokenImages = broken.length;
          if (broken.length > 0) {
            const note = document.createElement('p');
            note.className = 'broken';
            note.textContent = broken.length + ' figure(s) failed to load: ' + broken.map(i => i.alt).join('; ');
            document.body.prepend(note);
          }
        });
        </script>
        </body>
        </html>
        """;
}
