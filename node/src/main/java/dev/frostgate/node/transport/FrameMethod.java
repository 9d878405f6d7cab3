package dev.frostgate.node.transport;

import io.grpc.MethodDescriptor;
import io.grpc.ServerCallHandler;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The transport's one gRPC method, {@code frostgate.transport.v1.Peer/Exchange}: a bidirectional
 * stream of opaque frames. Declared by hand with a byte-array marshaller instead of generated from
 * a {@code .proto}: a frame is already a serialized envelope, so protobuf here would only wrap
 * bytes in bytes. The {@code v1} in the name is the transport's version: a peer speaking another
 * one gets UNIMPLEMENTED.
 */
final class FrameMethod {
  private FrameMethod() {}

  static final String SERVICE = "frostgate.transport.v1.Peer";

  private static final MethodDescriptor.Marshaller<byte[]> BYTES =
      new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
          return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
          // gRPC has enforced the size cap before the message gets here.
          try (stream) {
            return stream.readAllBytes();
          } catch (IOException e) {
            throw Status.INTERNAL
                .withDescription("cannot read frame")
                .withCause(e)
                .asRuntimeException();
          }
        }
      };

  static final MethodDescriptor<byte[], byte[]> EXCHANGE =
      MethodDescriptor.<byte[], byte[]>newBuilder()
          .setType(MethodDescriptor.MethodType.BIDI_STREAMING)
          .setFullMethodName(MethodDescriptor.generateFullMethodName(SERVICE, "Exchange"))
          .setRequestMarshaller(BYTES)
          .setResponseMarshaller(BYTES)
          .build();

  static ServerServiceDefinition service(ServerCallHandler<byte[], byte[]> handler) {
    return ServerServiceDefinition.builder(SERVICE).addMethod(EXCHANGE, handler).build();
  }
}
