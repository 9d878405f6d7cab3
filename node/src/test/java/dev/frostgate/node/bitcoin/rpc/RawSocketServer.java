package dev.frostgate.node.bitcoin.rpc;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback server that misbehaves at the socket level: reads a request, writes {@code prefix}
 * (possibly a partial HTTP answer), then either closes the connection or stalls.
 */
final class RawSocketServer implements AutoCloseable {
  private final ServerSocket socket;
  private final Thread thread;
  final AtomicInteger connections = new AtomicInteger();

  RawSocketServer(String prefix, boolean stall) throws IOException {
    socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    thread =
        new Thread(
            () -> {
              while (!socket.isClosed()) {
                try {
                  Socket s = socket.accept();
                  connections.incrementAndGet();
                  readRequest(s.getInputStream());
                  OutputStream out = s.getOutputStream();
                  out.write(prefix.getBytes(StandardCharsets.US_ASCII));
                  out.flush();
                  if (stall) {
                    Thread.sleep(30_000);
                  }
                  s.close();
                } catch (IOException | InterruptedException e) {
                  return;
                }
              }
            },
            "raw-socket-server");
    thread.setDaemon(true);
    thread.start();
  }

  private static void readRequest(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int c = in.read();
      if (c < 0) {
        return;
      }
      head.append((char) c);
    }
    int len = 0;
    for (String line : head.toString().split("\r\n")) {
      if (line.toLowerCase().startsWith("content-length:")) {
        len = Integer.parseInt(line.substring(15).trim());
      }
    }
    in.readNBytes(len);
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/");
  }

  @Override
  public void close() throws IOException {
    socket.close();
    thread.interrupt();
  }
}
