package dev.frostgate.node.transport;

import io.grpc.ClientCall;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.Status;
import java.util.ArrayDeque;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * One peer's stream, seen from either end: the dialer's {@link ClientCall} or the listener's {@link
 * ServerCall}. Sends go straight out while gRPC's flow control says the stream is ready; otherwise
 * up to {@code maxQueued} frames wait for {@link #onReady}, and further ones are dropped so that a
 * stalled peer cannot make this validator buffer without bound. gRPC calls are not thread-safe,
 * hence synchronized.
 */
final class PeerLink {
  final int peerId;
  private final int maxQueued;
  private final BooleanSupplier ready;
  private final Consumer<byte[]> write;
  private final Runnable requestNext;
  private final Consumer<Status> end;
  private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
  private boolean closed;

  private PeerLink(
      int peerId,
      int maxQueued,
      BooleanSupplier ready,
      Consumer<byte[]> write,
      Runnable requestNext,
      Consumer<Status> end) {
    this.peerId = peerId;
    this.maxQueued = maxQueued;
    this.ready = ready;
    this.write = write;
    this.requestNext = requestNext;
    this.end = end;
  }

  /** The listener's end of a stream a lower-id peer dialed. */
  static PeerLink accepted(int peerId, int maxQueued, ServerCall<byte[], byte[]> call) {
    return new PeerLink(
        peerId,
        maxQueued,
        call::isReady,
        call::sendMessage,
        () -> call.request(1),
        status -> {
          try {
            call.close(status, new Metadata());
          } catch (IllegalStateException alreadyClosed) {
            // the peer or gRPC closed it first
          }
        });
  }

  /** The dialer's end; it owns its channel (one per dial, so each retry starts clean). */
  static PeerLink dialed(
      int peerId, int maxQueued, ClientCall<byte[], byte[]> call, ManagedChannel channel) {
    return new PeerLink(
        peerId,
        maxQueued,
        call::isReady,
        call::sendMessage,
        () -> call.request(1),
        status -> {
          call.cancel(status.getDescription(), status.getCause());
          channel.shutdownNow();
        });
  }

  /** False if the frame was dropped (closed, or the queue is full). */
  synchronized boolean send(byte[] frame) {
    if (closed) {
      return false;
    }
    if (queue.isEmpty() && ready.getAsBoolean()) {
      write.accept(frame);
      return true;
    }
    if (queue.size() >= maxQueued) {
      return false;
    }
    queue.add(frame);
    return true;
  }

  synchronized void onReady() {
    while (!closed && !queue.isEmpty() && ready.getAsBoolean()) {
      write.accept(queue.poll());
    }
  }

  /** Asks gRPC for the next inbound frame (one at a time: inbound flow control). */
  synchronized void requestNext() {
    if (!closed) {
      requestNext.run();
    }
  }

  /** Ends the stream with {@code status}; idempotent. */
  synchronized void close(Status status) {
    if (closed) {
      return;
    }
    closed = true;
    queue.clear();
    end.accept(status);
  }

  synchronized boolean isClosed() {
    return closed;
  }
}
