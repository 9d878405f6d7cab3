package dev.frostgate.bitcoin.spv;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.acinq.bitcoin.BlockHeader;
import fr.acinq.bitcoin.TxId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** The shared vector {@code merkle-block413567.json} (directory in {@code frostgate.vectors}). */
final class SpvVectors {
  private static JsonNode block;

  private SpvVectors() {}

  static synchronized JsonNode block413567() {
    if (block == null) {
      String dir = System.getProperty("frostgate.vectors");
      if (dir == null || dir.isBlank()) {
        throw new IllegalStateException("system property frostgate.vectors is not set");
      }
      Path p = Path.of(dir, "merkle-block413567.json");
      try {
        block = new ObjectMapper().readTree(Files.readAllBytes(p));
      } catch (IOException e) {
        throw new IllegalStateException("cannot read vector file " + p, e);
      }
    }
    return block;
  }

  static byte[] headerBytes() {
    return HexFormat.of().parseHex(block413567().get("header_hex").asText());
  }

  static BlockHeader header() {
    return BlockHeader.read(headerBytes());
  }

  /** The block's txids in block order ({@link TxId} takes the display hex). */
  static List<TxId> txids() {
    List<TxId> out = new ArrayList<>();
    for (JsonNode n : block413567().get("txids_display")) {
      out.add(new TxId(n.asText()));
    }
    return List.copyOf(out);
  }
}
