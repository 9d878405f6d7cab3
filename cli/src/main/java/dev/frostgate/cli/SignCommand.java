package dev.frostgate.cli;

import dev.frostgate.bitcoin.psbt.PsbtException;
import dev.frostgate.bitcoin.psbt.PsbtReview;
import dev.frostgate.bitcoin.psbt.SpendPsbt;
import dev.frostgate.bitcoin.spend.Branch;
import dev.frostgate.bitcoin.spend.InputKey;
import dev.frostgate.cli.ceremony.CeremonyFile;
import dev.frostgate.cli.ceremony.KeyFiles;
import dev.frostgate.cli.ceremony.NonceLedger;
import dev.frostgate.cli.ceremony.Outputs;
import dev.frostgate.cli.ceremony.SecretStore;
import dev.frostgate.cli.ceremony.SigningFiles;
import dev.frostgate.cli.ceremony.SigningFiles.CommitmentFile;
import dev.frostgate.cli.ceremony.SigningFiles.PackageFile;
import dev.frostgate.cli.ceremony.SigningFiles.ShareFile;
import dev.frostgate.cli.support.BadInputException;
import dev.frostgate.cli.support.CheckFailedException;
import dev.frostgate.crypto.ec.Secp256k1;
import dev.frostgate.crypto.frost.Aggregator;
import dev.frostgate.crypto.frost.BatchSigning;
import dev.frostgate.crypto.frost.Ciphersuite;
import dev.frostgate.crypto.frost.FrostException;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.frost.KeyPackage;
import dev.frostgate.crypto.frost.PublicKeyPackage;
import dev.frostgate.crypto.frost.Signature;
import dev.frostgate.crypto.frost.SignatureShare;
import dev.frostgate.crypto.frost.SigningCommitments;
import dev.frostgate.crypto.frost.SigningNonces;
import dev.frostgate.crypto.frost.SigningPackage;
import dev.frostgate.crypto.hd.ThresholdXpub;
import fr.acinq.bitcoin.Transaction;
import fr.acinq.bitcoin.psbt.Psbt;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Offline FROST signing: commit, build the package, sign, aggregate, one command each. */
@Command(
    name = "sign",
    mixinStandardHelpOptions = true,
    description = "Offline FROST signing, one round per command.",
    subcommands = {
      SignCommand.Commit.class,
      SignCommand.Package.class,
      SignCommand.Share.class,
      SignCommand.Aggregate.class
    })
final class SignCommand {

  @Command(
      name = "commit",
      mixinStandardHelpOptions = true,
      description = "Round 1: fresh single-use nonces (secret) and their public commitment.")
  static final class Commit implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--key", required = true, description = "key package")
    Path key;

    @Option(names = "--nonces-out", required = true, description = "nonces (secret, single use)")
    Path noncesOut;

    @Option(names = "--commitment-out", required = true, description = "commitment (public)")
    Path commitmentOut;

    @Option(
        names = "--count",
        defaultValue = "1",
        description =
            "nonce pairs to commit: one per message (a transaction: one per input; default"
                + " ${DEFAULT-VALUE})")
    int count;

    @Option(names = "--force", description = "replace existing output files of the same kind")
    boolean force;

    @Mixin SecretOptions secretOptions;

    @Override
    public Integer call() {
      if (count < 1 || count > SigningFiles.MAX_MESSAGES) {
        throw new BadInputException("--count must be 1.." + SigningFiles.MAX_MESSAGES);
      }
      Outputs outputs =
          new Outputs(force)
              .reading(key)
              .expect(noncesOut, SigningFiles.NONCES)
              .expect(commitmentOut, SigningFiles.COMMITMENT);
      try (SecretStore secrets = secretOptions.open(spec, false)) {
        return commit(outputs, secrets);
      }
    }

    private int commit(Outputs outputs, SecretStore secrets) {
      KeyFiles.KeyFile k = KeyFiles.readKey(key, secrets);
      try {
        List<SigningCommitments> c =
            SigningFiles.commit(
                outputs, k, count, noncesOut, commitmentOut, new SecureRandom(), secrets);
        PrintWriter out = spec.commandLine().getOut();
        out.printf(
            "participant %s committed (%d nonce pair%s)%n",
            c.get(0).identifier(), c.size(), c.size() == 1 ? "" : "s");
        out.printf("nonces      %s (SECRET, single use, keep on this machine)%n", noncesOut);
        out.printf("commitment  %s (give to the coordinator)%n", commitmentOut);
        out.flush();
      } finally {
        k.raw().destroy();
      }
      return 0;
    }
  }

  static final class MessageSource {
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

  /** Reads a PSBT file: binary (BIP174 magic) or base64 text. */
  static Psbt readPsbt(Path file) {
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
          in.index(), in.outpoint(), in.amountSat(), in.address(), in.path());
    }
    for (PsbtReview.ReviewedOutput o : r.outputs()) {
      out.printf(
          "  output %d  %d sat  to %s%s%n",
          o.index(),
          o.amountSat(),
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
    long paid = r.inputSat() - r.feeSat();
    out.printf("  in      %d sat%n", r.inputSat());
    out.printf(
        "  out     %d sat: %d sat leave the group, %d sat change%n",
        paid, paid - r.changeSat(), r.changeSat());
    out.printf(
        "  fee     %d sat (%s sat/vB)%n",
        r.feeSat(),
        new java.math.BigDecimal(r.feeSat())
            .divide(new java.math.BigDecimal(r.vsize()), 2, java.math.RoundingMode.HALF_UP)
            .toPlainString());
  }

  @Command(
      name = "package",
      mixinStandardHelpOptions = true,
      description =
          "Coordinator: build the signing package from the signers' commitments: for a"
              + " transaction (--psbt, one message per input) or a raw message.")
  static final class Package implements Callable<Integer> {
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

    @Option(names = "--loan", description = "sign a raw message for loan N's Taproot output key")
    Long loan;

    @Option(names = "--out", required = true, description = "signing package")
    Path outFile;

    @Option(names = "--force", description = "replace an existing signing package")
    boolean force;

    @Override
    public Integer call() {
      Outputs outputs =
          new Outputs(force)
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
        if (loan != null) {
          throw new BadInputException(
              "--loan: not with --psbt (each input's key is in the PSBT's derivation paths)");
        }
        if (suite != Ciphersuite.TAPROOT) {
          throw new BadInputException(
              "--psbt: transactions need the Taproot ciphersuite; " + publicFile + " is " + suite);
        }
        Psbt psbt = readPsbt(message.psbt);
        PsbtReview review;
        try {
          review = PsbtReview.of(psbt, pub.xpub());
        } catch (PsbtException e) {
          throw new BadInputException(message.psbt + ": " + e.getMessage());
        }
        printReview(out, review);
        messages = review.sigHashes();
        keys =
            review.inputs().stream()
                .map(i -> new SigningFiles.MessageKey(Optional.of(i.key())))
                .toList();
        psbtBytes = Optional.of(SpendPsbt.serialize(psbt));
      } else {
        SigningFiles.MessageKey key = SigningFiles.MessageKey.group();
        if (loan != null) {
          if (loan < 0 || loan > ThresholdXpub.MAX_INDEX) {
            throw new BadInputException("--loan must be 0.." + ThresholdXpub.MAX_INDEX);
          }
          if (suite != Ciphersuite.TAPROOT) {
            throw new BadInputException(
                "--loan: loan keys need the Taproot ciphersuite; " + publicFile + " is " + suite);
          }
          key =
              new SigningFiles.MessageKey(Optional.of(InputKey.of(pub.xpub(), Branch.LOAN, loan)));
        }
        messages = List.of(message.bytes());
        keys = List.of(key);
        out.printf("message   %s%n", CeremonyFile.hex(messages.get(0)));
        if (loan != null) {
          out.printf("loan      %d%n", loan);
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

  @Command(
      name = "share",
      mixinStandardHelpOptions = true,
      description =
          "Round 2: review what the package signs (the transaction's inputs, outputs, fee and"
              + " change, recomputed here), confirm, record the nonces as used, then write this"
              + " signer's signature shares.")
  static final class Share implements Callable<Integer> {
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

    @Option(names = "--force", description = "replace an existing signature share file")
    boolean force;

    @Mixin SecretOptions secretOptions;

    @Override
    public Integer call() {
      Outputs outputs =
          new Outputs(force).reading(key, nonces, pkgFile).expect(outFile, SigningFiles.SHARE);
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
            "raw message %s (%d bytes)%n",
            CeremonyFile.hex(messages.get(0)), messages.get(0).length);
        if (mk.loan().isPresent()) {
          long l = mk.loan().getAsLong();
          out.printf("key         loan %d (%s, %s)%n", l, mk.name(), k.xpub().loanAddress(l));
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
      printReview(out, r);
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
        if (!java.util.Arrays.equals(messages.get(i), in.sigHash())) {
          throw new CheckFailedException(
              pkgFile
                  + ": field messages["
                  + i
                  + "].message: is not the BIP341 sighash of input "
                  + i
                  + " of the transaction ("
                  + CeremonyFile.hex(in.sigHash())
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

  @Command(
      name = "aggregate",
      mixinStandardHelpOptions = true,
      description =
          "Coordinator: aggregate the shares of every message and verify each signature; for a"
              + " transaction, also the finalized PSBT and the signed transaction.")
  static final class Aggregate implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--public", required = true, description = "public key package")
    Path publicFile;

    @Option(names = "--package", required = true, description = "signing package")
    Path pkgFile;

    @Option(
        names = "--shares",
        required = true,
        split = ",",
        description = "signature share files (or a directory)")
    List<Path> shares;

    @Option(names = "--out", required = true, description = "signature")
    Path outFile;

    @Option(names = "--force", description = "replace an existing signature file")
    boolean force;

    @Override
    public Integer call() {
      Outputs outputs =
          new Outputs(force)
              .reading(publicFile, pkgFile)
              .reading(shares)
              .expect(outFile, SigningFiles.SIGNATURE);
      KeyFiles.PublicFile pub = KeyFiles.readPublic(publicFile);
      PackageFile pkg = SigningFiles.readPackage(pkgFile, pub::xpub);
      if (pkg.suite() != pub.raw().suite()) {
        throw new BadInputException(
            pkgFile
                + ": field ciphersuite: is "
                + pkg.suite()
                + " but "
                + publicFile
                + " is "
                + pub.raw().suite());
      }
      if (!pkg.groupKey().equals(pub.raw().verifyingKey())) {
        throw new BadInputException(
            pkgFile + ": field group_key: belongs to another group than " + publicFile);
      }
      KeyFiles.checkEpoch(
          pkgFile.toString(),
          "signing package",
          pkg.epoch(),
          publicFile.toString(),
          "public key package",
          pub.epoch());
      Map<Identifier, String> files = new LinkedHashMap<>();
      int count = pkg.pkgs().size();
      List<List<SignatureShare>> perMessage = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        perMessage.add(new ArrayList<>());
      }
      for (Path p : CliFiles.paths(shares, "--shares")) {
        ShareFile s = SigningFiles.readShare(p, pkg);
        Identifier id = s.identifier();
        if (files.containsKey(id)) {
          throw new BadInputException(
              p
                  + ": field identifier: participant "
                  + id
                  + " already has a share in "
                  + files.get(id));
        }
        if (!pkg.signers().contains(id)) {
          throw new BadInputException(
              p + ": field identifier: participant " + id + " is not a signer of " + pkgFile);
        }
        KeyFiles.checkEpoch(
            p.toString(),
            "share made with a key package",
            s.epoch(),
            publicFile.toString(),
            "public key package",
            pub.epoch());
        files.put(id, p.toString());
        for (int i = 0; i < count; i++) {
          perMessage.get(i).add(s.shares().get(i));
        }
      }
      PrintWriter out = spec.commandLine().getOut();
      Ciphersuite suite = pub.raw().suite();
      List<SigningFiles.InputSignature> sigs = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        SigningFiles.MessageKey mk = pkg.keys().get(i);
        PublicKeyPackage keys = mk.verifyingKeys(pub);
        Signature sig;
        try {
          sig = Aggregator.aggregate(pkg.pkgs().get(i), perMessage.get(i), keys);
        } catch (FrostException e) {
          if (e.kind() == FrostException.Kind.INVALID_SIGNATURE_SHARE) {
            throw new CheckFailedException(
                "invalid signature share from participant(s) "
                    + DkgCommand.filesOf(e.culprits(), files)
                    + (count > 1 ? " for message " + i : "")
                    + ": exclude them and sign again with other signers");
          }
          if (e.kind() == FrostException.Kind.INVALID_SIGNATURE) {
            throw new CheckFailedException(e.getMessage());
          }
          throw new BadInputException("--shares: " + e.getMessage());
        }
        byte[] bytes = suite.serializeSignature(sig);
        byte[] msg = pkg.pkgs().get(i).message();
        boolean ok;
        byte[] vk;
        if (suite == Ciphersuite.TAPROOT) {
          vk = keys.verifyingKey().xOnly();
          ok = Secp256k1.verifySchnorr(bytes, msg, vk);
        } else {
          vk = keys.verifyingKey().compressed();
          ok = suite.verify(sig, msg, keys.verifyingKey());
        }
        sigs.add(new SigningFiles.InputSignature(mk.name(), msg, vk, bytes));
        if (count == 1 && pkg.psbt().isEmpty()) {
          if (mk.loan().isPresent()) {
            out.printf(
                "loan        %d (%s)%n",
                mk.loan().getAsLong(), pub.xpub().loanAddress(mk.loan().getAsLong()));
          }
          out.printf(
              "%s  %s%n",
              suite == Ciphersuite.TAPROOT ? "output key" : "group key ", CeremonyFile.hex(vk));
          out.printf("signature   %s%n", CeremonyFile.hex(bytes));
        } else {
          out.printf("input %d (%s) signature %s%n", i, mk.name(), CeremonyFile.hex(bytes));
        }
        out.printf(
            "%s verify: %s%n",
            suite == Ciphersuite.TAPROOT ? "BIP340 (libsecp256k1)" : "RFC 9591",
            ok ? "valid" : "INVALID");
        if (!ok) {
          out.flush();
          throw new CheckFailedException(
              "the aggregate signature"
                  + (count > 1 ? " of message " + i : "")
                  + " does not verify"
                  + (suite == Ciphersuite.TAPROOT ? " (BIP340)" : ""));
        }
      }
      if (pkg.psbt().isPresent()) {
        writeTransaction(outputs, pkg, suite, sigs, out);
      } else {
        SigningFiles.InputSignature s = sigs.get(0);
        OptionalLong loan = pkg.keys().get(0).loan();
        String address = loan.isPresent() ? pub.xpub().loanAddress(loan.getAsLong()) : null;
        SigningFiles.writeSignature(
            outputs, outFile, suite, s.message(), loan, s.verifyingKey(), s.signature(), address);
      }
      out.printf("written to  %s%n", outFile);
      out.flush();
      return 0;
    }

    private void writeTransaction(
        Outputs outputs,
        PackageFile pkg,
        Ciphersuite suite,
        List<SigningFiles.InputSignature> sigs,
        PrintWriter out) {
      Psbt psbt;
      Transaction tx;
      try {
        psbt =
            SpendPsbt.finalizeKeyPath(
                SpendPsbt.attachSignatures(
                    SpendPsbt.parse(pkg.psbt().get()),
                    sigs.stream().map(SigningFiles.InputSignature::signature).toList()));
        var extracted = psbt.extract();
        if (extracted.isLeft()) {
          throw new CheckFailedException(
              pkgFile + ": the signed transaction does not validate: " + extracted.getLeft());
        }
        tx = extracted.getRight();
      } catch (PsbtException e) {
        throw new CheckFailedException(pkgFile + ": field psbt: " + e.getMessage());
      }
      SigningFiles.writeTransactionSignatures(
          outputs,
          outFile,
          suite,
          tx.txid.value.toHex(),
          sigs,
          SpendPsbt.serialize(psbt),
          Transaction.write(tx));
      out.printf("transaction %s signed, finalized and validated%n", tx.txid.value.toHex());
    }
  }
}
