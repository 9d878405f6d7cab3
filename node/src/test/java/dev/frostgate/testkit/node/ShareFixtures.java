package dev.frostgate.testkit.node;

import dev.frostgate.bitcoin.fee.FeeRate;
import dev.frostgate.bitcoin.spend.Branch;
import dev.frostgate.bitcoin.spend.ChangePolicy;
import dev.frostgate.bitcoin.spend.SpendBuilder;
import dev.frostgate.bitcoin.spend.SpendInput;
import dev.frostgate.bitcoin.spend.SpendOutput;
import dev.frostgate.bitcoin.spend.SpendRecipe;
import dev.frostgate.bitcoin.spend.SpendSigner;
import dev.frostgate.bitcoin.spend.UnsignedSpend;
import dev.frostgate.crypto.frost.BatchSigning;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.frost.SigningCommitments;
import dev.frostgate.crypto.frost.SigningNonces;
import dev.frostgate.crypto.frost.SigningPackage;
import dev.frostgate.crypto.hash.Hash32;
import dev.frostgate.crypto.hash.Hashes;
import dev.frostgate.engine.Journal;
import dev.frostgate.engine.PackageDigest;
import dev.frostgate.engine.request.RequestId;
import dev.frostgate.testkit.engine.DealtGroup;
import fr.acinq.bitcoin.Satoshi;
import fr.acinq.bitcoin.TxId;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the engine records, built for real: spends of a 2-of-3 group, this signer's commitments,
 * signing packages with a chosen co-signer set, and their {@link PackageDigest}.
 */
public final class ShareFixtures {
  public static final DealtGroup GROUP = DealtGroup.of(3, 2);
  public static final Identifier ME = Identifier.of(1);
  public static final long CAP = 50_000;
  private static final SecureRandom RANDOM = new SecureRandom();

  private ShareFixtures() {}

  public static SpendInput coin(String label, long amount, long index) {
    String txid = HexFormat.of().formatHex(Hashes.sha256(label.getBytes(StandardCharsets.UTF_8)));
    return SpendInput.of(new TxId(txid), 0, new Satoshi(amount), Branch.DEPOSIT, index);
  }

  /** A spend of inputs paying {@code amount} to deposit address {@code k}, at a fee rate. */
  public static UnsignedSpend spend(List<SpendInput> inputs, int k, long amount, long satPerVb) {
    return SpendBuilder.build(
        new SpendRecipe(
            inputs,
            List.of(
                SpendOutput.toAddress(
                    GROUP.group().xpub().depositAddress(1_000_000 + k), new Satoshi(amount))),
            FeeRate.satPerVb(satPerVb),
            ChangePolicy.toIndex(k),
            new Satoshi(20_000)),
        GROUP.group().xpub());
  }

  /** Fresh commitments of {@code who}, one per message. */
  public static List<SigningCommitments> commitments(Identifier who, int count) {
    return BatchSigning.commit(GROUP.rawKeys().get(who), count, RANDOM).stream()
        .map(SigningNonces::commitments)
        .toList();
  }

  /** The packages of a session of {@link #ME} (with {@code mine}) and the given co-signers. */
  public static List<SigningPackage> packages(
      UnsignedSpend u,
      List<SigningCommitments> mine,
      Map<Identifier, List<SigningCommitments>> co) {
    Map<Identifier, List<SigningCommitments>> all = new TreeMap<>(co);
    all.put(ME, mine);
    return BatchSigning.packages(all, u.sigHashes());
  }

  public static Hash32 digest(UnsignedSpend u, List<SigningPackage> packages) {
    return Hash32.of(
        PackageDigest.of(
            packages,
            SpendSigner.inputKeyPackages(
                u.inputKeys(), GROUP.rawKeys().get(ME), GROUP.group().xpub())));
  }

  /** The share {@link #ME} would record for request in session, answering packages. */
  public static Journal.PendingShare share(
      String request, long session, UnsignedSpend u, List<SigningPackage> packages) {
    List<SigningCommitments> mine =
        packages.stream().map(p -> p.commitment(ME).orElseThrow()).toList();
    return new Journal.PendingShare(
        new Journal.ShareRow(
            new RequestId(request),
            0,
            session,
            u.txid(),
            u.sigHashes().stream().map(Hash32::of).toList(),
            mine,
            digest(u, packages)),
        u);
  }

  /** A session of {@link #ME} with fresh commitments of co-signer 2. */
  public static Journal.PendingShare freshShare(String request, long session, UnsignedSpend u) {
    int n = u.sigHashes().size();
    return share(
        request,
        session,
        u,
        packages(
            u, commitments(ME, n), Map.of(Identifier.of(2), commitments(Identifier.of(2), n))));
  }

  /** The refusal kind of one recorded share, or empty if it was recorded. */
  public static Optional<Journal.Refusal.Kind> kind(List<Optional<Journal.Refusal>> outcome) {
    if (outcome.size() != 1) {
      throw new AssertionError("one share expected, got " + outcome);
    }
    return outcome.get(0).map(Journal.Refusal::kind);
  }
}
