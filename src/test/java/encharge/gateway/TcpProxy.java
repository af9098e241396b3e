package encharge.gateway;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** A TCP relay to a real server that a test can cut and restore: the database going away, for real. */
final class TcpProxy {

  private final Vertx vertx;
  private final NetServer server;
  private final NetClient client;
  private final Set<NetSocket> sockets = ConcurrentHashMap.newKeySet();
  private volatile boolean cut;

  private TcpProxy(Vertx vertx, int targetPort) {
    this.vertx = vertx;
    this.client = vertx.createNetClient();
    this.server = vertx.createNetServer().connectHandler(inbound -> {
      if (cut) {
        inbound.close();
        return;
      }
      inbound.pause();
      client.connect(targetPort, "localhost").onSuccess(outbound -> {
        sockets.add(inbound);
        sockets.add(outbound);
        inbound.handler(outbound::write);
        outbound.handler(inbound::write);
        inbound.closeHandler(v -> outbound.close());
        outbound.closeHandler(v -> inbound.close());
        inbound.resume();
      }).onFailure(err -> inbound.close());
    });
  }

  static TcpProxy start(int targetPort) {
    TcpProxy proxy = new TcpProxy(Vertx.vertx(), targetPort);
    proxy.server.listen(0, "localhost").await();
    return proxy;
  }

  int port() {
    return server.actualPort();
  }

  /** Drops every relayed connection and refuses new ones. */
  void cut() {
    cut = true;
    sockets.forEach(NetSocket::close);
    sockets.clear();
  }

  void restore() {
    cut = false;
  }

  void close() {
    vertx.close().await();
  }
}
