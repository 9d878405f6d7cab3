package dev.frostgate.cli;

import dev.frostgate.bitcoin.psbt.PsbtException;
import dev.frostgate.bitcoin.psbt.PsbtReview;
import dev.frostgate.bitcoin.psbt.SpendPsbt;
import dev.frostgate.cli.ceremony.CeremonyFile;
import dev.frostgate.cli.ceremony.KeyFiles;
import dev.frostgate.cli.ceremony.NonceLedger;
import dev.frostgate.cli.ceremony.Outputs;
import dev.frostgate.cli.ceremony.SecretStore;
import dev.frostgate.cli.ceremony.SigningFiles;
import dev.frostgate.cli.ceremony.SigningFiles.PackageFile;
import dev.frostgate.cli.support.BadInputException;
import dev.frostgate.cli.support.CheckFailedException;
import dev.frostgate.crypto.frost.BatchSigning;
import dev.frostgate.crypto.frost.KeyPackage;
import dev.frostgate.crypto.frost.SignatureShare;
import dev.frostgate.crypto.frost.SigningCommitments;
import dev.frostgate.crypto.frost.SigningNonces;
import fr.acinq.bitcoin.psbt.Psbt;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code frostgate sign share}: round 2, a signer checks the package and signs. */
@Command(
    name = "share",
    mixinStandardHelpOptions = true,
    description =
        "Round 2: review what the package signs (the transaction's inputs, outputs, fee and"
            + " change, recomputed here), confirm, record the nonces as used, then write this"
            + " signer's signature shares.")
final class SignShareCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--key", required = true, description = "key package")
  Path key;

  @Option(names = "--nonces", required = true, description = "nonces from 'sign commit'")
  Path nonces;

  @Option(names = "--package", required = true, description = "signing package")
  Path pkgFile;

  @Option(names = "--out", required = true, description = "signature share")
  Path outFile;

  @Option(
      names = "--raw-message",
      description =
          "sign a package that holds no transaction: raw bytes (e.g. the DKG test message),"
              + " shown before signing")
  boolean rawMessage;

  @Option(
      names = "--yes",
      description =
          "do not ask for confirmation on the terminal (scripts): the summary is"
              + " still printed before signing")
  boolean yes;

  @Mixin OverwriteOption overwrite;

  @Mixin SecretOptions secretOptions;

  @Override
  public Integer call() {
    Outputs outputs =
        overwrite.outputs().reading(key, nonces, pkgFile).expect(outFile, SigningFiles.SHARE);
    try (SecretStore secrets = secretOptions.open(spec, false)) {
      return share(outputs, secrets);
    }
  }

  private int share(Outputs outputs, SecretStore secrets) {
    KeyFiles.KeyFile k = KeyFiles.readKey(key, secrets);
    KeyPackage raw = k.raw();
    List<KeyPackage> signing = new ArrayList<>();
    List<SigningNonces> n = List.of();
    try {
      PackageFile pkg = SigningFiles.readPackage(pkgFile, k::xpub);
      if (pkg.suite() != raw.suite()) {
        throw new BadInputException(
            pkgFile
                + ": field ciphersuite: is "
                + pkg.suite()
                + " but "
                + key
                + " is "
                + raw.suite());
      }
      if (!pkg.groupKey().equals(raw.verifyingKey())) {
        throw new BadInputException(
            pkgFile + ": field group_key: belongs to another group than " + key);
      }
      KeyFiles.checkEpoch(
          key.toString(),
          "key package",
          k.epoch(),
          pkgFile.toString(),
          "signing package",
          pkg.epoch());
      List<SigningCommitments> mine =
          pkg.commitmentsOf(raw.identifier())
              .orElseThrow(
                  () ->
                      new BadInputException(
                          pkgFile
                              + ": field commitments: has no commitment from participant "
                              + raw.identifier()));
      if (!mine.equals(SigningFiles.nonceCommitments(nonces, raw.identifier()))) {
        throw new BadInputException(
            pkgFile
                + ": field commitments."
                + raw.identifier()
                + ": differs from the commitments of "
                + nonces
                + " (a package from another session?)");
      }
      if (pkg.signers().size() < raw.minSigners()) {
        throw new BadInputException(
            pkgFile
                + ": field commitments: "
                + pkg.signers().size()
                + " signers, the threshold is "
                + raw.minSigners());
      }
      PrintWriter out = spec.commandLine().getOut();
      String what = review(pkg, k, out);
      out.printf("signers     %s (threshold %d)%n", pkg.signers(), raw.minSigners());
      out.flush();
      confirm(what);
      n = SigningFiles.readNonces(nonces, k, secrets);
      for (SigningFiles.MessageKey m : pkg.keys()) {
        signing.add(m.signingKey(k));
      }
      // The one rule that keeps nonces single use: durably record them as used (under the
      // ledger's lock) before any share exists. A copy of the nonces file meets this ledger too.
      Path ledger =
          NonceLedger.pathFor(
              key, new NonceLedger.Owner(raw.suite(), raw.verifyingKey(), raw.identifier()));
      NonceLedger.record(
          ledger,
          new NonceLedger.Owner(raw.suite(), raw.verifyingKey(), raw.identifier()),
          mine,
          pkg.digest());
      SigningFiles.markNoncesUsed(nonces, raw, pkg.digest());
      List<SignatureShare> shares = BatchSigning.signEach(pkg.pkgs(), n, signing);
      SigningFiles.writeShare(outputs, outFile, pkg, k.epoch(), shares);
      out.printf("participant %s signed %s%n", raw.identifier(), what);
      out.printf("share       %s (give to the coordinator)%n", outFile);
      out.printf("nonces      %s consumed (recorded in %s)%n", nonces, ledger);
      out.flush();
      return 0;
    } finally {
      n.forEach(
          x -> {
            if (!x.isUsed()) {
              x.discard();
            }
          });
      raw.destroy();
      signing.forEach(KeyPackage::destroy);
    }
  }

  /**
   * Prints what the package signs and checks it: a transaction's messages must be exactly the
   * sighashes this signer recomputes from the PSBT, each with the key its input's coin pays to.
   * Returns what is being signed, for the confirmation question.
   */
  private String review(PackageFile pkg, KeyFiles.KeyFile k, PrintWriter out) {
    List<byte[]> messages = pkg.messages();
    if (pkg.psbt().isEmpty()) {
      if (!rawMessage) {
        throw new BadInputException(
            pkgFile
                + ": holds no transaction (field psbt): refusing to sign blind. A spend is"
                + " signed from its PSBT ('sign package --psbt'); to sign raw bytes (e.g. the"
                + " DKG test message) pass --raw-message and check the message shown");
      }
      if (messages.size() != 1) {
        throw new BadInputException(
            pkgFile + ": field messages: a raw-message package signs one message");
      }
      SigningFiles.MessageKey mk = pkg.keys().get(0);
      out.printf(
          "raw message %s (%d bytes)%n", CeremonyFile.hex(messages.get(0)), messages.get(0).length);
      if (mk.deposit().isPresent()) {
        long l = mk.deposit().getAsLong();
        out.printf("key         loan %d (%s, %s)%n", l, mk.name(), k.xpub().depositAddress(l));
      } else if (mk.derived().isPresent()) {
        out.printf("key         %s%n", mk.name());
      } else {
        out.printf("key         the group's key%n");
      }
      return "the raw message above";
    }
    if (rawMessage) {
      throw new BadInputException(
          "--raw-message: " + pkgFile + " holds a transaction (PSBT): review it instead");
    }
    Psbt psbt;
    PsbtReview r;
    try {
      psbt = SpendPsbt.parse(pkg.psbt().get());
    } catch (PsbtException e) {
      throw new BadInputException(pkgFile + ": field psbt: " + e.getMessage());
    }
    try {
      r = PsbtReview.of(psbt, k.xpub());
    } catch (PsbtException e) {
      throw new CheckFailedException(
          pkgFile + ": field psbt: transaction refused: " + e.getMessage());
    }
    PsbtFiles.printReview(out, r);
    if (messages.size() != r.inputs().size()) {
      throw new CheckFailedException(
          pkgFile
              + ": field messages: "
              + messages.size()
              + " messages for a transaction of "
              + r.inputs().size()
              + " inputs; refusing to sign");
    }
    for (int i = 0; i < messages.size(); i++) {
      PsbtReview.ReviewedInput in = r.inputs().get(i);
      String stated = pkg.keys().get(i).name();
      if (!stated.equals(in.path())) {
        throw new CheckFailedException(
            pkgFile
                + ": field messages["
                + i
                + "].key: the package signs input "
                + i
                + " with the key "
                + stated
                + ", but the coin it spends pays to "
                + in.path()
                + " (its witness UTXO); refusing to sign");
      }
      if (!java.util.Arrays.equals(messages.get(i), in.sigHash().bytes())) {
        throw new CheckFailedException(
            pkgFile
                + ": field messages["
                + i
                + "].message: is not the BIP341 sighash of input "
                + i
                + " of the transaction ("
                + in.sigHash()
                + "); refusing to sign something other than the transaction shown");
      }
    }
    return "the " + r.inputs().size() + " input(s) of transaction " + r.txid();
  }

  private void confirm(String what) {
    if (yes) {
      return;
    }
    java.io.Console console = Terminal.console().orElse(null);
    if (console == null) {
      throw new BadInputException(
          "no terminal to confirm on: check the summary above and pass --yes to sign from a"
              + " script; nothing was signed and the nonces are unused");
    }
    String answer = console.readLine("Sign %s? Type 'yes' to sign: ", what);
    if (answer == null || !answer.strip().equals("yes")) {
      throw new CheckFailedException("not confirmed: nothing was signed, the nonces are unused");
    }
  }
}
