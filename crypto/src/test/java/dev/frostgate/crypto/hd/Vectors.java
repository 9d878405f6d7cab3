package dev.frostgate.crypto.hd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the shared JSON vectors from the directory in system property {@code frostgate.vectors}.
 */
final class Vectors {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Vectors() {}

  static JsonNode json(String file) {
    String dir = System.getProperty("frostgate.vectors");
    if (dir == null || dir.isBlank()) {
      throw new IllegalStateException("system property frostgate.vectors is not set");
    }
    Path p = Path.of(dir, file);
    try {
      return MAPPER.readTree(Files.readAllBytes(p));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read vector file " + p, e);
    }
  }
}
