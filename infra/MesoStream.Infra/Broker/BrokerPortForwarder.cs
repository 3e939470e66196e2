using System.Net;
using System.Net.Sockets;

namespace MesoStream.Infra.Broker;

/// <summary>
/// Listens on a fixed loopback port and relays each connection, byte for byte, to the mock broker's ephemeral port.
/// librdkafka's mock brokers cannot be told which port to bind; with the advertised address set to the fixed port,
/// every client connection, bootstrap and metadata-driven alike, comes through here.
/// </summary>
internal sealed class BrokerPortForwarder : IDisposable
{
    private readonly TcpListener _listener;
    private readonly int _targetPort;
    private readonly CancellationTokenSource _stop = new();

    private BrokerPortForwarder(TcpListener listener, int targetPort)
    {
        _listener = listener;
        _targetPort = targetPort;
    }

    public static BrokerPortForwarder Start(int port, int targetPort)
    {
        var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start();
        var forwarder = new BrokerPortForwarder(listener, targetPort);
        _ = Task.Run(forwarder.AcceptLoopAsync);
        return forwarder;
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }

            _ = Task.Run(() => RelayAsync(client));
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using (client)
        using (var upstream = new TcpClient { NoDelay = true })
        {
            client.NoDelay = true;
            try
            {
                await upstream.ConnectAsync(IPAddress.Loopback, _targetPort, _stop.Token);
                var a = client.GetStream();
                var b = upstream.GetStream();
                await Task.WhenAny(a.CopyToAsync(b, _stop.Token), b.CopyToAsync(a, _stop.Token));
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
            }
            catch (IOException)
            {
            }
            catch (SocketException)
            {
            }
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _stop.Dispose();
    }
}
