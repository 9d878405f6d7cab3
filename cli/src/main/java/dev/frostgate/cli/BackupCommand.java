package dev.frostgate.cli;

import dev.frostgate.cli.ceremony.Outputs;
import dev.frostgate.cli.support.BadInputException;
import dev.frostgate.cli.support.CheckFailedException;
import dev.frostgate.cli.support.ExitCodes;
import dev.frostgate.crypto.backup.BackupException;
import dev.frostgate.crypto.backup.BackupPiece;
import dev.frostgate.crypto.backup.ShamirBackup;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** k-of-m Shamir backups of a secret file (a key package, an identity key) as text pieces. */
@Command(
    name = "backup",
    mixinStandardHelpOptions = true,
    description = "Split a secret file into k-of-m Shamir backup pieces, or combine pieces.",
    subcommands = {BackupCommand.Split.class, BackupCommand.Combine.class})
final class BackupCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCodes.BAD_INPUT;
  }

  /** The pieces' file names: piece-1.txt .. piece-M.txt. */
  static String pieceFileName(int index) {
    return "piece-" + index + ".txt";
  }

  @Command(
      name = "split",
      mixinStandardHelpOptions = true,
      description = {
        "Split FILE (1..4096 bytes, e.g. a sealed key package or identity key) into M pieces, any"
            + " K of which restore it byte for byte (a sealed file stays sealed: the pieces need"
            + " the passphrase or token too).",
        "Writes DIR/piece-1.txt .. DIR/piece-M.txt (mode 0600), one text line each. Store the"
            + " pieces apart: K of them reveal the file."
      })
  static final class Split implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--in", required = true, paramLabel = "FILE", description = "file to back up")
    Path in;

    @Option(names = "--threshold", required = true, paramLabel = "K", description = "pieces needed")
    int threshold;

    @Option(names = "--pieces", required = true, paramLabel = "M", description = "pieces made")
    int pieces;

    @Option(
        names = "--out-dir",
        required = true,
        paramLabel = "DIR",
        description = "directory for the piece files (created if missing)")
    Path outDir;

    @Mixin OverwriteOption overwrite;

    @Override
    public Integer call() {
      if (pieces < 1 || pieces > BackupPiece.MAX_PIECES) {
        throw new BadInputException(
            "--pieces must be between 1 and " + BackupPiece.MAX_PIECES + ", got " + pieces);
      }
      if (threshold < 1 || threshold > pieces) {
        throw new BadInputException(
            "--threshold must be between 1 and --pieces (" + pieces + "), got " + threshold);
      }
      Outputs outputs = overwrite.outputs().reading(in);
      for (int i = 1; i <= pieces; i++) {
        outputs.expect(outDir.resolve(pieceFileName(i)), Outputs.BACKUP_PIECE);
      }
      byte[] secret = SecretFiles.read(in);
      List<BackupPiece> made;
      try {
        if (secret.length < 1 || secret.length > BackupPiece.MAX_SECRET_LENGTH) {
          throw new BadInputException(
              in
                  + ": is "
                  + secret.length
                  + " bytes; a backup holds 1.."
                  + BackupPiece.MAX_SECRET_LENGTH
                  + " bytes");
        }
        made = ShamirBackup.split(secret, threshold, pieces, new SecureRandom());
      } finally {
        Arrays.fill(secret, (byte) 0);
      }
      for (BackupPiece piece : made) {
        byte[] line = (piece.toText() + "\n").getBytes(StandardCharsets.US_ASCII);
        try {
          outputs.writeBytes(
              outDir.resolve(pieceFileName(piece.index())), line, Outputs.BACKUP_PIECE);
        } finally {
          Arrays.fill(line, (byte) 0);
        }
      }
      PrintWriter out = spec.commandLine().getOut();
      out.printf(
          "wrote %d pieces (%d-of-%d, set %s, %d bytes of %s) to %s: %s .. %s%n",
          pieces,
          threshold,
          pieces,
          made.get(0).setIdHex(),
          made.get(0).secretLength(),
          in,
          outDir,
          pieceFileName(1),
          pieceFileName(pieces));
      if (threshold == 1) {
        spec.commandLine()
            .getErr()
            .println(
                "frostgate backup split: warning: with --threshold 1 every piece holds the file in"
                    + " the clear");
      }
      out.flush();
      return 0;
    }
  }

  @Command(
      name = "combine",
      mixinStandardHelpOptions = true,
      description = {
        "Combine at least K pieces of one backup and write the restored file (mode 0600).",
        "A damaged piece is named by its file; pieces that do not combine to the backed-up file"
            + " (digest mismatch) are exit 1 and nothing is written."
      })
  static final class Combine implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "restored file")
    Path out;

    @Mixin OverwriteOption overwrite;

    @Parameters(arity = "1..*", paramLabel = "PIECE_FILE", description = "piece files")
    List<Path> pieceFiles;

    @Override
    public Integer call() {
      Outputs outputs = overwrite.outputs().reading(pieceFiles);
      if (!overwrite.force && Files.exists(out)) {
        throw new BadInputException(out + ": already exists (pass --force to replace it)");
      }
      Map<Path, BackupPiece> pieces = new LinkedHashMap<>();
      List<String> problems = new ArrayList<>();
      for (Path f : pieceFiles) {
        byte[] raw = SecretFiles.read(f);
        String text = new String(raw, StandardCharsets.US_ASCII).strip();
        Arrays.fill(raw, (byte) 0);
        if (text.isEmpty()) {
          problems.add(f + ": empty, expected one backup piece line");
          continue;
        }
        if (text.contains("\n")) {
          problems.add(f + ": holds more than one line, expected one backup piece line");
          continue;
        }
        try {
          pieces.put(f, BackupPiece.fromText(text));
        } catch (BackupException e) {
          problems.add(f + ": " + e.getMessage());
        }
      }
      if (!problems.isEmpty()) {
        throw new BadInputException(
            String.join("\n  ", problems)
                + (problems.size() > 1 ? "\n  " : "; ")
                + "nothing was written");
      }
      byte[] secret;
      try {
        secret = ShamirBackup.combine(pieces.values());
      } catch (BackupException e) {
        String files = filesOf(pieces, e.pieceIndices());
        String msg = e.getMessage() + (files.isEmpty() ? "" : " (" + files + ")");
        switch (e.reason()) {
          case DIGEST_MISMATCH, INCONSISTENT_PIECES ->
              throw new CheckFailedException(msg + "; nothing was written");
          default -> throw new BadInputException(msg + "; nothing was written");
        }
      }
      BackupPiece first = pieces.values().iterator().next();
      try {
        outputs.writeBytes(out, secret, Outputs.kindOf(secret).orElse(Outputs.UNKNOWN_KIND));
      } finally {
        Arrays.fill(secret, (byte) 0);
      }
      PrintWriter w = spec.commandLine().getOut();
      w.printf(
          "restored %d bytes from %d of %d pieces (%d needed, set %s) into %s%n",
          first.secretLength(),
          pieces.size(),
          first.count(),
          first.threshold(),
          first.setIdHex(),
          out);
      w.flush();
      return 0;
    }

    private static String filesOf(Map<Path, BackupPiece> pieces, List<Integer> indices) {
      return pieces.entrySet().stream()
          .filter(e -> indices.contains(e.getValue().index()))
          .map(e -> e.getKey().toString())
          .collect(Collectors.joining(", "));
    }
  }
}
