package dev.frostgate.node.bitcoin.rpc;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One request of {@code importdescriptors}.
 *
 * @param desc the descriptor, with its checksum ({@code tr(xpub.../0/*)#abcdefgh})
 * @param active whether it is the wallet's active descriptor for its type
 * @param range for ranged descriptors, the index range {@code [start, end]} to watch
 * @param next_index the next index to hand out (active descriptors only)
 * @param timestamp the oldest block time to rescan from, in UNIX seconds; empty for {@code "now"}
 *     (no rescan)
 * @param internal whether it is a change descriptor
 * @param label a label (not allowed with active or ranged descriptors)
 */
public record DescriptorImport(
    String desc,
    boolean active,
    Optional<Range> range,
    OptionalLong next_index,
    OptionalLong timestamp,
    Optional<Boolean> internal,
    Optional<String> label) {

  /** An inclusive index range. */
  public record Range(long start, long end) {
    public Range {
      if (start < 0 || end < start || end >= (1L << 31)) {
        throw new IllegalArgumentException("bad descriptor range [" + start + ", " + end + "]");
      }
    }
  }

  public DescriptorImport {
    Objects.requireNonNull(desc, "desc");
    Objects.requireNonNull(range, "range");
    Objects.requireNonNull(next_index, "next_index");
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(internal, "internal");
    Objects.requireNonNull(label, "label");
    if (desc.isBlank()) {
      throw new IllegalArgumentException("descriptor must not be blank");
    }
  }

  /**
   * A watch-only ranged descriptor (e.g. the group's {@code tr(xpub/.../*)}), not active,
   * rescanning from {@code timestampOrNow}.
   */
  public static DescriptorImport watchRanged(
      String desc, long start, long end, OptionalLong timestampOrNow) {
    return new DescriptorImport(
        desc,
        false,
        Optional.of(new Range(start, end)),
        OptionalLong.empty(),
        timestampOrNow,
        Optional.empty(),
        Optional.empty());
  }

  ObjectNode toJson() {
    ObjectNode o = JsonRpcEndpoint.MAPPER.createObjectNode();
    o.put("desc", desc);
    o.put("active", active);
    range.ifPresent(r -> o.putArray("range").add(r.start()).add(r.end()));
    next_index.ifPresent(n -> o.put("next_index", n));
    if (timestamp.isPresent()) {
      o.put("timestamp", timestamp.getAsLong());
    } else {
      o.put("timestamp", "now");
    }
    internal.ifPresent(i -> o.put("internal", i));
    label.ifPresent(l -> o.put("label", l));
    return o;
  }
}
