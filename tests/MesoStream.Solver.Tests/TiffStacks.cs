using BitMiracle.LibTiff.Classic;

namespace MesoStream.Solver.Tests;

/// <summary>Writes small TIFF stacks for the volume tests: pages of raw values, x fastest, one page per z.</summary>
internal static class TiffStacks
{
    /// <summary>One multi-page file (or, with one page, a slice file); <paramref name="bigEndian"/> writes MM byte order.</summary>
    public static void Write(string path, IReadOnlyList<ushort[,]> pages, int bits = 8, Compression compression = Compression.NONE, bool bigEndian = false, int rowsPerStrip = 2)
    {
        using var tiff = Tiff.Open(path, bigEndian ? "wb" : "wl") ?? throw new IOException($"cannot create {path}");
        foreach (var page in pages)
        {
            int height = page.GetLength(0), width = page.GetLength(1);
            tiff.SetField(TiffTag.IMAGEWIDTH, width);
            tiff.SetField(TiffTag.IMAGELENGTH, height);
            tiff.SetField(TiffTag.BITSPERSAMPLE, bits);
            tiff.SetField(TiffTag.SAMPLESPERPIXEL, 1);
            tiff.SetField(TiffTag.PHOTOMETRIC, Photometric.MINISBLACK);
            tiff.SetField(TiffTag.PLANARCONFIG, PlanarConfig.CONTIG);
            tiff.SetField(TiffTag.COMPRESSION, compression);
            tiff.SetField(TiffTag.ROWSPERSTRIP, rowsPerStrip);
            tiff.SetField(TiffTag.SUBFILETYPE, FileType.PAGE);
            var row = new byte[width * bits / 8];
            for (int y = 0; y < height; y++)
            {
                for (int x = 0; x < width; x++)
                {
                    if (bits == 8)
                    {
                        row[x] = (byte)page[y, x];
                    }
                    else
                    {
                        BitConverter.TryWriteBytes(row.AsSpan(2 * x), page[y, x]);
                    }
                }

                if (!tiff.WriteScanline(row, y))
                {
                    throw new IOException($"cannot write row {y} of {path}");
                }
            }

            tiff.WriteDirectory();
        }
    }

    /// <summary>An nx × ny page whose value at (x, y) is f(x, y).</summary>
    public static ushort[,] Page(int nx, int ny, Func<int, int, int> f)
    {
        var page = new ushort[ny, nx];
        for (int y = 0; y < ny; y++)
        {
            for (int x = 0; x < nx; x++)
            {
                page[y, x] = (ushort)f(x, y);
            }
        }

        return page;
    }

    /// <summary>Rewrites the first page's compression tag in place (a little-endian file), keeping its data: a file claiming a codec.</summary>
    public static void PatchCompression(string path, ushort compression)
    {
        var bytes = File.ReadAllBytes(path);
        int ifd = BitConverter.ToInt32(bytes, 4);
        int entries = BitConverter.ToUInt16(bytes, ifd);
        for (int e = 0; e < entries; e++)
        {
            int at = ifd + 2 + 12 * e;
            if (BitConverter.ToUInt16(bytes, at) == (ushort)TiffTag.COMPRESSION)
            {
                BitConverter.TryWriteBytes(bytes.AsSpan(at + 8), compression);
                File.WriteAllBytes(path, bytes);
                return;
            }
        }

        throw new InvalidOperationException($"{path} has no compression tag");
    }
}
