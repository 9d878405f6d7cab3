package dev.frostgate.cli;

import dev.frostgate.bitcoin.psbt.PsbtException;
import dev.frostgate.bitcoin.psbt.PsbtReview;
import dev.frostgate.bitcoin.psbt.SpendPsbt;
import dev.frostgate.bitcoin.spend.Branch;
import dev.frostgate.bitcoin.spend.InputKey;
import dev.frostgate.cli.ceremony.CeremonyFile;
import dev.frostgate.cli.ceremony.KeyFiles;
import dev.frostgate.cli.ceremony.Outputs;
import dev.frostgate.cli.ceremony.SigningFiles;
import dev.frostgate.cli.ceremony.SigningFiles.CommitmentFile;
import dev.frostgate.cli.support.BadInputException;
import dev.frostgate.crypto.frost.Ciphersuite;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.frost.SigningCommitments;
import dev.frostgate.crypto.frost.SigningPackage;
import dev.frostgate.crypto.hd.ThresholdXpub;
import fr.acinq.bitcoin.psbt.Psbt;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code frostgate sign package}: the coordinator builds the signing package. */
@Command(
    name = "package",
    mixinStandardHelpOptions = true,
    description =
        "Coordinator: build the signing package from the signers' commitments: for a"
            + " transaction (--psbt, one message per input) or a raw message.")
final class SignPackageCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--commitments",
      required = true,
      split = ",",
      description = "commitment files (or a directory)")
  List<Path> commitments;

  @Option(
      names = "--public",
      required = true,
      description = "the group's public key package (checks group, signers and threshold)")
  Path publicFile;

  @ArgGroup(exclusive = true, multiplicity = "1")
  MessageSource message;

  // --loan is the older name, kept as an alias so existing scripts still work.
  @Option(
      names = {"--deposit", "--loan"},
      description = "sign a raw message for deposit address N's Taproot output key")
  Long deposit;

  @Option(names = "--out", required = true, description = "signing package")
  Path outFile;

  @Mixin OverwriteOption overwrite;

  @Override
  public Integer call() {
    Outputs outputs =
        overwrite
            .outputs()
            .reading(publicFile, message.psbt)
            .reading(commitments)
            .expect(outFile, SigningFiles.PACKAGE);
    KeyFiles.PublicFile pub = KeyFiles.readPublic(publicFile);
    Ciphersuite suite = pub.raw().suite();
    Map<Identifier, CommitmentFile> byId = new TreeMap<>();
    for (Path p : CliFiles.paths(commitments, "--commitments")) {
      CommitmentFile c = SigningFiles.readCommitment(p);
      if (c.suite() != suite) {
        throw new BadInputException(
            c.file()
                + ": field ciphersuite: is "
                + c.suite()
                + " but "
                + publicFile
                + " is "
                + suite);
      }
      if (!c.groupKey().equals(pub.raw().verifyingKey())) {
        throw new BadInputException(
            c.file() + ": field group_key: belongs to another group than " + publicFile);
      }
      Identifier id = c.identifier();
      if (pub.raw().verifyingShare(id).isEmpty()) {
        throw new BadInputException(
            c.file() + ": field identifier: participant " + id + " is not in " + publicFile);
      }
      KeyFiles.checkEpoch(
          c.file(),
          "commitment made with a key package",
          c.epoch(),
          publicFile.toString(),
          "public key package",
          pub.epoch());
      CommitmentFile prev = byId.put(id, c);
      if (prev != null) {
        throw new BadInputException(
            c.file()
                + ": field identifier: participant "
                + id
                + " already committed in "
                + prev.file());
      }
    }
    int t = pub.raw().minSigners();
    if (byId.size() < t) {
      throw new BadInputException(
          "--commitments: "
              + byId.size()
              + " signer(s) "
              + byId.keySet()
              + ", but "
              + publicFile
              + " needs "
              + t
              + " (a "
              + t
              + "-of-"
              + pub.raw().maxSigners()
              + " group): collect commitments from at least "
              + t
              + " participants");
    }
    PrintWriter out = spec.commandLine().getOut();
    List<byte[]> messages;
    List<SigningFiles.MessageKey> keys;
    Optional<byte[]> psbtBytes = Optional.empty();
    if (message.psbt != null) {
      if (deposit != null) {
        throw new BadInputException(
            "--deposit: not with --psbt (each input's key is in the PSBT's derivation paths)");
      }
      if (suite != Ciphersuite.TAPROOT) {
        throw new BadInputException(
            "--psbt: transactions need the Taproot ciphersuite; " + publicFile + " is " + suite);
      }
      Psbt psbt = PsbtFiles.read(message.psbt);
      PsbtReview review;
      try {
        review = PsbtReview.of(psbt, pub.xpub());
      } catch (PsbtException e) {
        throw new BadInputException(message.psbt + ": " + e.getMessage());
      }
      PsbtFiles.printReview(out, review);
      messages = review.sigHashes();
      keys =
          review.inputs().stream()
              .map(i -> new SigningFiles.MessageKey(Optional.of(i.key())))
              .toList();
      psbtBytes = Optional.of(SpendPsbt.serialize(psbt));
    } else {
      SigningFiles.MessageKey key = SigningFiles.MessageKey.group();
      if (deposit != null) {
        if (deposit < 0 || deposit > ThresholdXpub.MAX_INDEX) {
          throw new BadInputException("--deposit must be 0.." + ThresholdXpub.MAX_INDEX);
        }
        if (suite != Ciphersuite.TAPROOT) {
          throw new BadInputException(
              "--deposit: deposit keys need the Taproot ciphersuite; "
                  + publicFile
                  + " is "
                  + suite);
        }
        key =
            new SigningFiles.MessageKey(
                Optional.of(InputKey.of(pub.xpub(), Branch.DEPOSIT, deposit)));
      }
      messages = List.of(message.bytes());
      keys = List.of(key);
      out.printf("message   %s%n", CeremonyFile.hex(messages.get(0)));
      if (deposit != null) {
        out.printf("loan      %d%n", deposit);
      }
    }
    for (CommitmentFile c : byId.values()) {
      if (c.commitments().size() != messages.size()) {
        throw new BadInputException(
            c.file()
                + ": field commitments: holds "
                + c.commitments().size()
                + " nonce commitment(s) for "
                + messages.size()
                + " message(s)"
                + (message.psbt != null ? " (one per input of " + message.psbt + ")" : "")
                + ": participant "
                + c.identifier()
                + " must run 'sign commit --count "
                + messages.size()
                + "'");
      }
    }
    List<SigningPackage> pkgs = new ArrayList<>(messages.size());
    for (int i = 0; i < messages.size(); i++) {
      List<SigningCommitments> cs = new ArrayList<>();
      for (CommitmentFile c : byId.values()) {
        cs.add(c.commitments().get(i));
      }
      pkgs.add(SigningPackage.of(cs, messages.get(i)));
    }
    SigningFiles.writePackage(
        outputs, outFile, suite, pub.raw().verifyingKey(), pub.epoch(), keys, pkgs, psbtBytes);
    out.printf("signers   %s (threshold %d)%n", byId.keySet(), t);
    out.printf("package   %s (give to every signer)%n", outFile);
    out.flush();
    return 0;
  }
}
