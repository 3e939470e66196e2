using BitMiracle.LibTiff.Classic;

namespace MesoStream.Cli.Fields;

/// <summary>
/// Writes a float32 multi-page TIFF one z-plane at a time (x fastest, one strip per page, uncompressed): the layout
/// tifffile, ImageJ/Fiji and ParaView read as a volume, without holding the volume in memory.
/// </summary>
internal sealed class FloatTiffWriter : IDisposable
{
    private readonly Tiff _tiff;
    private readonly int _nx;
    private readonly int _ny;
    private readonly byte[] _bytes;
    private readonly string _path;

    public FloatTiffWriter(string path, int nx, int ny)
    {
        _tiff = Tiff.Open(path, "w") ?? throw new IOException($"{path}: cannot create the TIFF file");
        (_path, _nx, _ny) = (path, nx, ny);
        _bytes = new byte[4 * nx * ny];
    }

    public void WritePlane(ReadOnlySpan<float> plane)
    {
        _tiff.SetField(TiffTag.IMAGEWIDTH, _nx);
        _tiff.SetField(TiffTag.IMAGELENGTH, _ny);
        _tiff.SetField(TiffTag.BITSPERSAMPLE, 32);
        _tiff.SetField(TiffTag.SAMPLEFORMAT, SampleFormat.IEEEFP);
        _tiff.SetField(TiffTag.SAMPLESPERPIXEL, 1);
        _tiff.SetField(TiffTag.PHOTOMETRIC, Photometric.MINISBLACK);
        _tiff.SetField(TiffTag.PLANARCONFIG, PlanarConfig.CONTIG);
        _tiff.SetField(TiffTag.ROWSPERSTRIP, _ny);
        _tiff.SetField(TiffTag.SUBFILETYPE, FileType.PAGE);
        System.Runtime.InteropServices.MemoryMarshal.AsBytes(plane[..(_nx * _ny)]).CopyTo(_bytes);
        if (_tiff.WriteEncodedStrip(0, _bytes, _bytes.Length) < 0 || !_tiff.WriteDirectory())
        {
            throw new IOException($"{_path}: writing a page failed (disk full?)");
        }
    }

    public void Dispose() => _tiff.Dispose();
}
