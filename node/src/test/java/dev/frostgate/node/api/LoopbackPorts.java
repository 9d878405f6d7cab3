package dev.frostgate.node.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/** Test support: a loopback port free at the moment of asking. */
final class LoopbackPorts {
  private LoopbackPorts() {}

  static int free() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
