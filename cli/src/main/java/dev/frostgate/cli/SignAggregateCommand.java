package dev.frostgate.cli;

import dev.frostgate.bitcoin.psbt.PsbtException;
import dev.frostgate.bitcoin.psbt.SpendPsbt;
import dev.frostgate.cli.ceremony.CeremonyFile;
import dev.frostgate.cli.ceremony.KeyFiles;
import dev.frostgate.cli.ceremony.Outputs;
import dev.frostgate.cli.ceremony.SigningFiles;
import dev.frostgate.cli.ceremony.SigningFiles.PackageFile;
import dev.frostgate.cli.ceremony.SigningFiles.ShareFile;
import dev.frostgate.cli.support.BadInputException;
import dev.frostgate.cli.support.CheckFailedException;
import dev.frostgate.crypto.ec.Secp256k1;
import dev.frostgate.crypto.frost.Aggregator;
import dev.frostgate.crypto.frost.Ciphersuite;
import dev.frostgate.crypto.frost.FrostException;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.frost.PublicKeyPackage;
import dev.frostgate.crypto.frost.Signature;
import dev.frostgate.crypto.frost.SignatureShare;
import fr.acinq.bitcoin.Transaction;
import fr.acinq.bitcoin.psbt.Psbt;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code frostgate sign aggregate}: the coordinator aggregates and verifies. */
@Command(
    name = "aggregate",
    mixinStandardHelpOptions = true,
    description =
        "Coordinator: aggregate the shares of every message and verify each signature; for a"
            + " transaction, also the finalized PSBT and the signed transaction.")
final class SignAggregateCommand implements Callable<Integer> {
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

  @Mixin OverwriteOption overwrite;

  @Override
  public Integer call() {
    Outputs outputs =
        overwrite
            .outputs()
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
        if (mk.deposit().isPresent()) {
          out.printf(
              "loan        %d (%s)%n",
              mk.deposit().getAsLong(), pub.xpub().depositAddress(mk.deposit().getAsLong()));
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
      OptionalLong deposit = pkg.keys().get(0).deposit();
      String address = deposit.isPresent() ? pub.xpub().depositAddress(deposit.getAsLong()) : null;
      SigningFiles.writeSignature(
          outputs, outFile, suite, s.message(), deposit, s.verifyingKey(), s.signature(), address);
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
