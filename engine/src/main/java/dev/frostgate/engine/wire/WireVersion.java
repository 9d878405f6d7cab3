package dev.frostgate.engine.wire;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The wire version every envelope carries in {@code Envelope.version} (field 1). It is part of the
 * envelope bytes, so the sender's BIP340 signature covers it: a relay cannot relabel a message as
 * another version. Field 1 of {@code SignedEnvelope} (the envelope bytes) and field 1 of {@code
 * Envelope} (this version, a varint) are frozen for every future version, so that a receiver can
 * read the version of an envelope whose other fields it does not understand ({@link #peek}) and
 * refuse it as {@link RejectReason#UNSUPPORTED_VERSION} instead of MALFORMED.
 */
public final class WireVersion {
  /** The version this node writes. */
  public static final int CURRENT = 1;

  /** The versions this node reads, in ascending order. */
  public static final SortedSet<Integer> SUPPORTED =
      java.util.Collections.unmodifiableSortedSet(new TreeSet<>(java.util.List.of(CURRENT)));

  /** Field 1, wire type varint. */
  private static final int VERSION_TAG = (1 << 3) | WireFormat.WIRETYPE_VARINT;

  private WireVersion() {}

  public static boolean isSupported(int version) {
    return SUPPORTED.contains(version);
  }

  /**
   * Empty if {@code version} is supported, otherwise the rejection detail: the version received and
   * the versions supported.
   */
  public static Optional<String> unsupported(int version) {
    if (isSupported(version)) {
      return Optional.empty();
    }
    return Optional.of(
        "wire version "
            + Integer.toUnsignedString(version)
            + " received; this node speaks version"
            + (SUPPORTED.size() == 1 ? " " : "s ")
            + SUPPORTED);
  }

  /**
   * The version field of serialized envelope bytes, read without parsing any other field (0 when
   * absent, the proto3 default); empty if the bytes are not a sequence of protobuf fields.
   */
  public static OptionalInt peek(ByteString envelopeBytes) {
    CodedInputStream in = envelopeBytes.newCodedInput();
    int version = 0;
    try {
      for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
        if (tag == VERSION_TAG) {
          version = in.readUInt32();
        } else if (!in.skipField(tag)) {
          return OptionalInt.empty(); // an end-group tag outside a group
        }
      }
      return OptionalInt.of(version);
    } catch (IOException e) {
      return OptionalInt.empty();
    }
  }
}
