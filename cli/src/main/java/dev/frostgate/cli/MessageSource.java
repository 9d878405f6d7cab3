package dev.frostgate.cli;

import dev.frostgate.cli.support.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HexFormat;
import picocli.CommandLine.Option;

/** What {@code sign package} signs: a PSBT (one message per input) or a raw message. */
final class MessageSource {
  @Option(
      names = "--psbt",
      description =
          "the unsigned transaction (PSBT, base64 or binary, as Frostgate writes it): one message"
              + " per input, its BIP341 sighash, signed with the input's key")
  Path psbt;

  @Option(names = "--message", description = "raw message to sign, hex")
  String hex;

  @Option(names = "--message-file", description = "file holding the raw message bytes")
  Path file;

  byte[] bytes() {
    if (hex != null) {
      try {
        return HexFormat.of().parseHex(hex.trim());
      } catch (IllegalArgumentException e) {
        throw new BadInputException("--message: must be hex");
      }
    }
    return read(file);
  }

  static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new BadInputException(file + ": no such file");
    } catch (IOException e) {
      throw new BadInputException(file + ": cannot read (" + e.getClass().getSimpleName() + ")");
    }
  }
}
