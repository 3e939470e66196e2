using System.Runtime.InteropServices;

namespace MesoStream.Infra.Broker;

/// <summary>
/// The few librdkafka exports the embedded broker needs (the mock cluster API of rdkafka_mock.h), bound to the very
/// native file Confluent.Kafka itself loaded: asking Confluent for its version makes it load librdkafka, and
/// /proc/self/maps then names the file. Loading "librdkafka.so" by name instead can pick a build that needs libraries
/// this machine lacks (the plain one wants libsasl2.so.3), and two copies of the library in one process would not
/// share state.
/// </summary>
internal static unsafe class LibRdKafka
{
    private static readonly Lazy<nint> Handle = new(LoadSameLibraryAsConfluent);

    public static string LoadedPath { get; private set; } = string.Empty;

    public static nint ConfNew() => ((delegate* unmanaged[Cdecl]<nint>)Export("rd_kafka_conf_new"))();

    public static void ConfSet(nint conf, string name, string value)
    {
        var error = stackalloc byte[512];
        var n = Utf8(name);
        var v = Utf8(value);
        try
        {
            var result = ((delegate* unmanaged[Cdecl]<nint, nint, nint, byte*, nuint, int>)Export("rd_kafka_conf_set"))(conf, n, v, error, 512);
            if (result != 0)
            {
                throw new InvalidOperationException($"librdkafka refused {name}={value}: {Marshal.PtrToStringUTF8((nint)error)}");
            }
        }
        finally
        {
            Marshal.FreeCoTaskMem(n);
            Marshal.FreeCoTaskMem(v);
        }
    }

    /// <summary>A bare producer handle: the mock cluster lives on its background threads.</summary>
    public static nint NewProducer(nint conf)
    {
        var error = stackalloc byte[512];
        var rk = ((delegate* unmanaged[Cdecl]<int, nint, byte*, nuint, nint>)Export("rd_kafka_new"))(0, conf, error, 512);
        return rk != 0 ? rk : throw new InvalidOperationException($"rd_kafka_new failed: {Marshal.PtrToStringUTF8((nint)error)}");
    }

    public static void Destroy(nint rk) => ((delegate* unmanaged[Cdecl]<nint, void>)Export("rd_kafka_destroy"))(rk);

    public static nint MockClusterNew(nint rk, int brokers) =>
        ((delegate* unmanaged[Cdecl]<nint, int, nint>)Export("rd_kafka_mock_cluster_new"))(rk, brokers);

    public static void MockClusterDestroy(nint cluster) =>
        ((delegate* unmanaged[Cdecl]<nint, void>)Export("rd_kafka_mock_cluster_destroy"))(cluster);

    public static string MockClusterBootstraps(nint cluster) =>
        Marshal.PtrToStringUTF8(((delegate* unmanaged[Cdecl]<nint, nint>)Export("rd_kafka_mock_cluster_bootstraps"))(cluster))
        ?? throw new InvalidOperationException("the mock cluster reported no bootstrap address");

    /// <returns>The rd_kafka_resp_err_t code; 0 is success.</returns>
    public static int MockTopicCreate(nint cluster, string topic, int partitions, int replication)
    {
        var t = Utf8(topic);
        try
        {
            return ((delegate* unmanaged[Cdecl]<nint, nint, int, int, int>)Export("rd_kafka_mock_topic_create"))(cluster, t, partitions, replication);
        }
        finally
        {
            Marshal.FreeCoTaskMem(t);
        }
    }

    /// <summary>Changes the address a mock broker advertises in metadata (it keeps listening where it was).</summary>
    public static void MockBrokerSetHostPort(nint cluster, int brokerId, string host, int port)
    {
        var h = Utf8(host);
        try
        {
            ((delegate* unmanaged[Cdecl]<nint, int, nint, int, void>)Export("rd_kafka_mock_broker_set_host_port"))(cluster, brokerId, h, port);
        }
        finally
        {
            Marshal.FreeCoTaskMem(h);
        }
    }

    public static int MockBrokerSetDown(nint cluster, int brokerId) =>
        ((delegate* unmanaged[Cdecl]<nint, int, int>)Export("rd_kafka_mock_broker_set_down"))(cluster, brokerId);

    public static int MockBrokerSetUp(nint cluster, int brokerId) =>
        ((delegate* unmanaged[Cdecl]<nint, int, int>)Export("rd_kafka_mock_broker_set_up"))(cluster, brokerId);

    public static string ErrorName(int code) =>
        Marshal.PtrToStringUTF8(((delegate* unmanaged[Cdecl]<int, nint>)Export("rd_kafka_err2name"))(code)) ?? code.ToString();

    private static nint Export(string name) =>
        NativeLibrary.TryGetExport(Handle.Value, name, out var address)
            ? address
            : throw new EntryPointNotFoundException($"{LoadedPath} does not export {name}; the embedded broker needs librdkafka ≥ 2.x with the mock cluster");

    private static nint Utf8(string s) => Marshal.StringToCoTaskMemUTF8(s);

    private static nint LoadSameLibraryAsConfluent()
    {
        _ = Confluent.Kafka.Library.Version;
        LoadedPath = File.ReadLines("/proc/self/maps")
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(parts => parts.Length >= 6)
            .Select(parts => string.Join(' ', parts[5..]))
            .FirstOrDefault(path => Path.GetFileName(path).Contains("librdkafka", StringComparison.Ordinal))
            ?? throw new DllNotFoundException("Confluent.Kafka reports librdkafka loaded, but no librdkafka file is mapped in this process");
        return NativeLibrary.Load(LoadedPath);
    }
}
