package dev.frostgate.cli;

import dev.frostgate.bitcoin.psbt.PsbtException;
import dev.frostgate.bitcoin.psbt.PsbtReview;
import dev.frostgate.bitcoin.psbt.SpendPsbt;
import dev.frostgate.cli.support.BadInputException;
import fr.acinq.bitcoin.psbt.Psbt;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Reading a PSBT file and printing what its transaction does, for the signing commands. */
final class PsbtFiles {
  private PsbtFiles() {}

  /** Reads a PSBT file: binary (BIP174 magic) or base64 text. */
  static Psbt read(Path file) {
    byte[] b = MessageSource.read(file);
    try {
      if (b.length >= 5 && b[0] == 'p' && b[1] == 's' && b[2] == 'b' && b[3] == 't') {
        return SpendPsbt.parse(b);
      }
      return SpendPsbt.parseBase64(new String(b, StandardCharsets.US_ASCII));
    } catch (PsbtException e) {
      throw new BadInputException(file + ": " + e.getMessage());
    }
  }

  /** Prints what a transaction does, as the signer recomputed it. */
  static void printReview(PrintWriter out, PsbtReview r) {
    out.printf(
        "transaction %s (%d input%s, %d output%s, %d vB signed)%n",
        r.txid(),
        r.inputs().size(),
        r.inputs().size() == 1 ? "" : "s",
        r.outputs().size(),
        r.outputs().size() == 1 ? "" : "s",
        r.vsize());
    for (PsbtReview.ReviewedInput in : r.inputs()) {
      out.printf(
          "  input  %d  %s  %d sat  from %s (%s, the group's)%n",
          in.index(), in.outpoint(), in.amount().getSat(), in.address(), in.path());
    }
    for (PsbtReview.ReviewedOutput o : r.outputs()) {
      out.printf(
          "  output %d  %d sat  to %s%s%n",
          o.index(),
          o.amount().getSat(),
          o.address(),
          o.own()
              .map(
                  k ->
                      "  CHANGE (m/"
                          + k.branch().number()
                          + "/"
                          + k.index()
                          + ", back to the group)")
              .orElse(""));
    }
    long in = r.inputTotal().getSat();
    long fee = r.fee().getSat();
    long change = r.change().getSat();
    long paid = in - fee;
    out.printf("  in      %d sat%n", in);
    out.printf(
        "  out     %d sat: %d sat leave the group, %d sat change%n", paid, paid - change, change);
    out.printf(
        "  fee     %d sat (%s sat/vB)%n",
        fee,
        new java.math.BigDecimal(fee)
            .divide(new java.math.BigDecimal(r.vsize()), 2, java.math.RoundingMode.HALF_UP)
            .toPlainString());
  }
}
