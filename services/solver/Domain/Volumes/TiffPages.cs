using System.Globalization;
using System.Runtime.InteropServices;
using BitMiracle.LibTiff.Classic;

namespace MesoStream.Solver.Volumes;

/// <summary>
/// The pages of a TIFF stack, one z-slice each: the pages of one multi-page file, or the single-page slice files of
/// a folder in natural name order (slice2 before slice10). Pages are 8- or 16-bit unsigned greyscale, one sample per
/// pixel, all of one size, stored in strips uncompressed or with a lossless libtiff codec. They are decoded by
/// BitMiracle.LibTiff.NET (a port of libtiff) on every core, each worker with its own handle on a contiguous run of
/// pages, straight into one byte per voxel (<see cref="LabelCodes"/>).
/// </summary>
internal sealed class TiffPages
{
    /// <summary>Lossless codecs libtiff decodes; JPEG and the other lossy ones would change label values.</summary>
    private static readonly Compression[] s_supported =
        [Compression.NONE, Compression.LZW, Compression.ADOBE_DEFLATE, Compression.DEFLATE, Compression.PACKBITS];

    static TiffPages() => Tiff.SetErrorHandler(new ThrowingHandler());

    private readonly string _path;
    private readonly string[] _files;
    private readonly PageFormat _first;

    private TiffPages(string path, string[] files, int pages, PageFormat first)
    {
        (_path, _files, Nz, _first) = (path, files, pages, first);
    }

    public int Nx => _first.Width;
    public int Ny => _first.Height;
    public int Nz { get; }
    public int BitsPerSample => _first.Bits;

    /// <summary>Opens a multi-page TIFF file or a folder of slice TIFFs and checks its first page.</summary>
    public static TiffPages Open(string path)
    {
        string[] files;
        if (Directory.Exists(path))
        {
            files = [.. Directory.EnumerateFiles(path)
                .Where(f => f.EndsWith(".tif", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".tiff", StringComparison.OrdinalIgnoreCase))
                .Order(NaturalOrder.Instance)];
            if (files.Length == 0)
            {
                throw new VolumeFileException($"{path}: the folder holds no .tif or .tiff slice files");
            }
        }
        else if (File.Exists(path))
        {
            files = [path];
        }
        else
        {
            throw new VolumeFileException($"{path}: no such file or folder");
        }

        using var tiff = OpenFile(files[0]);
        var first = PageFormat.Of(tiff, files[0], 0);
        int pages = files.Length == 1 ? tiff.NumberOfDirectories() : files.Length;
        if (files.Length == 1 && pages > short.MaxValue)
        {
            throw new VolumeFileException($"{path}: {pages} pages; at most {short.MaxValue} are supported in one file (use a folder of slices)");
        }

        long voxels = (long)first.Width * first.Height * pages;
        if (voxels > Array.MaxLength)
        {
            throw new VolumeFileException($"{path}: {first.Width}×{first.Height}×{pages} = {voxels} voxels; at most {Array.MaxLength} are supported");
        }

        return new TiffPages(path, files, pages, first);
    }

    /// <summary>
    /// Decodes every page into one byte per voxel (x fastest, page z at z·Nx·Ny). For 8-bit pages the byte is the
    /// raw value; for 16-bit pages it is a code, and <paramref name="rawOfCode"/> gives the raw value of each code
    /// (a segmentation has few values; more than 256 means a greyscale image and is refused).
    /// </summary>
    public byte[] ReadCodes(out int[] rawOfCode)
    {
        var codes = GC.AllocateUninitializedArray<byte>(Nx * Ny * Nz);
        Numerics.FreshMemory.AdviseHugePages(codes);
        var coder = BitsPerSample == 16 ? new SixteenBitCoder(_path) : null;
        int workers = Math.Min(Environment.ProcessorCount, Nz);
        try
        {
            Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, w =>
                ReadRun(codes, coder, Nz * w / workers, Nz * (w + 1) / workers));
        }
        catch (AggregateException e) when (e.InnerExceptions.FirstOrDefault(x => x is VolumeFileException) is { } first)
        {
            // Report the first page that failed, not a wrapper: the message names the file, page and what is allowed.
            throw first;
        }

        rawOfCode = coder?.RawOfCode() ?? [.. Enumerable.Range(0, 256)];
        return codes;
    }

    /// <summary>Pages [z0, z1) on one handle: a multi-page file is walked directory by directory from z0.</summary>
    private void ReadRun(byte[] codes, SixteenBitCoder? coder, int z0, int z1)
    {
        var strip = new byte[0];
        Tiff? tiff = null;
        try
        {
            for (int z = z0; z < z1; z++)
            {
                string file = _files.Length == 1 ? _files[0] : _files[z];
                if (_files.Length > 1)
                {
                    tiff?.Dispose();
                    tiff = OpenFile(file);
                    if (tiff.NumberOfDirectories() != 1)
                    {
                        throw new VolumeFileException($"{file}: a slice file of the folder {_path} holds {tiff.NumberOfDirectories()} pages; expected 1");
                    }
                }
                else if (tiff is null)
                {
                    tiff = OpenFile(file);
                    if (!tiff.SetDirectory((short)z))
                    {
                        throw new VolumeFileException($"{file}: page {z} could not be found");
                    }
                }
                else if (!tiff.ReadDirectory())
                {
                    throw new VolumeFileException($"{file}: page {z} could not be read");
                }

                int page = _files.Length == 1 ? z : 0;
                var format = PageFormat.Of(tiff, file, page);
                format.RequireSameAs(_first, file, page, _files[0]);
                ReadPage(tiff, file, page, codes.AsSpan(z * Nx * Ny, Nx * Ny), coder, ref strip);
            }
        }
        catch (TiffFailure e)
        {
            throw new VolumeFileException($"{_path}: libtiff could not decode it: {e.Message}", e);
        }
        finally
        {
            tiff?.Dispose();
        }
    }

    private void ReadPage(Tiff tiff, string file, int page, Span<byte> target, SixteenBitCoder? coder, ref byte[] strip)
    {
        int rowsPerStrip = Math.Min(Ny, tiff.GetFieldDefaulted(TiffTag.ROWSPERSTRIP)[0].ToInt());
        int rowBytes = Nx * BitsPerSample / 8;
        int strips = tiff.NumberOfStrips();
        if (strips != (Ny + rowsPerStrip - 1) / rowsPerStrip)
        {
            throw new VolumeFileException($"{file}: page {page} has {strips} strips; {Ny} rows of {rowsPerStrip} need {(Ny + rowsPerStrip - 1) / rowsPerStrip}");
        }

        if (strip.Length < rowsPerStrip * rowBytes)
        {
            strip = new byte[rowsPerStrip * rowBytes];
        }

        for (int s = 0; s < strips; s++)
        {
            int rows = Math.Min(rowsPerStrip, Ny - s * rowsPerStrip);
            int bytes = rows * rowBytes;
            int read = tiff.ReadEncodedStrip(s, strip, 0, bytes);
            if (read < bytes)
            {
                throw new VolumeFileException($"{file}: page {page}, strip {s} decodes to {Math.Max(read, 0)} bytes; {bytes} expected (truncated or corrupt file)");
            }

            var rowsTarget = target.Slice(s * rowsPerStrip * Nx, rows * Nx);
            if (coder is null)
            {
                strip.AsSpan(0, bytes).CopyTo(rowsTarget);
            }
            else
            {
                coder.Encode(MemoryMarshal.Cast<byte, ushort>(strip.AsSpan(0, bytes)), rowsTarget);
            }
        }
    }

    private static Tiff OpenFile(string file)
    {
        try
        {
            return Tiff.Open(file, "r") ?? throw new VolumeFileException($"{file}: not a TIFF file libtiff can open");
        }
        catch (TiffFailure e)
        {
            throw new VolumeFileException($"{file}: not a readable TIFF file ({e.Message})", e);
        }
    }

    /// <summary>What a page must agree on with the first one, and what the reader accepts.</summary>
    private readonly record struct PageFormat(int Width, int Height, int Bits, int Samples, Compression Compression, SampleFormat Format, bool Tiled)
    {
        public static PageFormat Of(Tiff tiff, string file, int page)
        {
            var format = new PageFormat(
                tiff.GetField(TiffTag.IMAGEWIDTH)?[0].ToInt() ?? 0,
                tiff.GetField(TiffTag.IMAGELENGTH)?[0].ToInt() ?? 0,
                tiff.GetFieldDefaulted(TiffTag.BITSPERSAMPLE)[0].ToInt(),
                tiff.GetFieldDefaulted(TiffTag.SAMPLESPERPIXEL)[0].ToInt(),
                (Compression)tiff.GetFieldDefaulted(TiffTag.COMPRESSION)[0].ToInt(),
                (SampleFormat)tiff.GetFieldDefaulted(TiffTag.SAMPLEFORMAT)[0].ToInt(),
                tiff.IsTiled());
            format.RequireSupported(file, page);
            return format;
        }

        private void RequireSupported(string file, int page)
        {
            string where = $"{file}: page {page}";
            if (Width < 1 || Height < 1)
            {
                throw new VolumeFileException($"{where} has no image size (width {Width}, height {Height})");
            }

            if (Bits is not (8 or 16))
            {
                throw new VolumeFileException($"{where} has {Bits} bits per sample; allowed 8 or 16 (a segmented label image)");
            }

            if (Samples != 1)
            {
                throw new VolumeFileException($"{where} has {Samples} samples per pixel; allowed 1 (greyscale labels, not RGB)");
            }

            if (Format is not (SampleFormat.UINT or SampleFormat.VOID))
            {
                throw new VolumeFileException($"{where} has sample format {Format}; allowed unsigned integers (UINT)");
            }

            if (!s_supported.Contains(Compression))
            {
                throw new VolumeFileException(
                    $"{where} is compressed with {Compression} ({(int)Compression}); allowed {string.Join(", ", s_supported)} (lossless codecs; save the stack uncompressed or with LZW/Deflate)");
            }

            if (Tiled)
            {
                throw new VolumeFileException($"{where} is stored in tiles; allowed strips (the layout ImageJ, Fiji, tifffile and PIL write by default)");
            }
        }

        public void RequireSameAs(PageFormat first, string file, int page, string firstFile)
        {
            if (Width != first.Width || Height != first.Height)
            {
                throw new VolumeFileException(
                    $"{file}: page {page} is {Width}×{Height} but the first page of {firstFile} is {first.Width}×{first.Height}; all slices must have one size");
            }

            if (Bits != first.Bits)
            {
                throw new VolumeFileException($"{file}: page {page} has {Bits} bits per sample but the first page of {firstFile} has {first.Bits}; all slices must have one depth");
            }
        }
    }

    /// <summary>Codes 16-bit raw values as bytes in order of first appearance, shared by the reading workers.</summary>
    private sealed class SixteenBitCoder(string path)
    {
        private readonly int[] _codeOf = Enumerable.Repeat(-1, 65536).ToArray();
        private readonly List<int> _rawOfCode = [];
        private readonly Lock _gate = new();

        public void Encode(ReadOnlySpan<ushort> raw, Span<byte> codes)
        {
            for (int i = 0; i < raw.Length; i++)
            {
                int code = Volatile.Read(ref _codeOf[raw[i]]);
                codes[i] = (byte)(code >= 0 ? code : Assign(raw[i]));
            }
        }

        private int Assign(ushort raw)
        {
            lock (_gate)
            {
                if (_codeOf[raw] >= 0)
                {
                    return _codeOf[raw];
                }

                if (_rawOfCode.Count == 256)
                {
                    throw new VolumeFileException(
                        $"{path} holds more than 256 distinct 16-bit values: it looks like a greyscale image, not a segmentation; segment it first");
                }

                _rawOfCode.Add(raw);
                Volatile.Write(ref _codeOf[raw], _rawOfCode.Count - 1);
                return _rawOfCode.Count - 1;
            }
        }

        public int[] RawOfCode() => [.. _rawOfCode];
    }

    /// <summary>libtiff reports errors through a process-wide handler: turn them into exceptions, drop warnings.</summary>
    private sealed class ThrowingHandler : TiffErrorHandler
    {
        public override void ErrorHandler(Tiff tif, string method, string format, params object[] args) =>
            throw new TiffFailure($"{method}: {string.Format(CultureInfo.InvariantCulture, format, args)}");

        public override void ErrorHandlerExt(Tiff tif, object clientData, string method, string format, params object[] args)
        {
        }

        // Unknown private tags (ImageJ, microscope vendors) are harmless for reading the pixels.
        public override void WarningHandler(Tiff tif, string method, string format, params object[] args)
        {
        }

        public override void WarningHandlerExt(Tiff tif, object clientData, string method, string format, params object[] args)
        {
        }
    }

    private sealed class TiffFailure(string message) : Exception(message);
}
