package dev.frostgate.testkit.bitcoin;

import dev.frostgate.bitcoin.spend.Branch;
import dev.frostgate.bitcoin.spend.SpendInput;
import dev.frostgate.crypto.ec.SecretScalar;
import dev.frostgate.crypto.frost.Ciphersuite;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.frost.KeyPackage;
import dev.frostgate.crypto.frost.PublicKeyPackage;
import dev.frostgate.crypto.frost.dkg.DkgOutput;
import dev.frostgate.crypto.hd.Network;
import dev.frostgate.crypto.hd.ThresholdXpub;
import dev.frostgate.testkit.crypto.InProcessDkg;
import fr.acinq.bitcoin.Satoshi;
import fr.acinq.bitcoin.TxId;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** A 10-of-15 group from a real DKG, run once per test JVM and shared by the spend tests. */
public final class DkgGroup {
  public static final int N = 15;
  public static final int T = 10;
  public static final SecureRandom RND = new SecureRandom();

  private static DkgGroup instance;

  public final ThresholdXpub xpub;
  public final PublicKeyPackage rawPublic;
  public final List<KeyPackage> rawKeys;

  private DkgGroup() {
    List<SecretScalar> identity = new ArrayList<>();
    for (int i = 0; i < N; i++) {
      identity.add(SecretScalar.random(RND));
    }
    InProcessDkg.Result dkg = InProcessDkg.run(Ciphersuite.TAPROOT, N, T, identity, RND);
    DkgOutput first = dkg.output(Identifier.of(1));
    this.xpub =
        ThresholdXpub.of(first.rawKeyPackage().verifyingKey(), first.chainCode(), Network.REGTEST);
    this.rawPublic = first.rawPublicKeyPackage();
    this.rawKeys = dkg.outputs().values().stream().map(DkgOutput::rawKeyPackage).toList();
  }

  public static synchronized DkgGroup get() {
    if (instance == null) {
      instance = new DkgGroup();
    }
    return instance;
  }

  /** A second, independent group (another DKG). */
  public static DkgGroup fresh() {
    return new DkgGroup();
  }

  /** Signers 3..12: a t-subset that is not simply the first t. */
  public List<KeyPackage> signers() {
    return rawKeys.subList(2, 2 + T);
  }

  /** A deterministic fake funding txid for coin {@code i}. */
  public static String txid(int i) {
    byte[] b = dev.frostgate.crypto.hash.Hashes.sha256(("coin " + i).getBytes());
    return HexFormat.of().formatHex(b);
  }

  /** {@code count} deposit coins of {@code amount} sat each, on deposit indexes 0..count-1. */
  public static List<SpendInput> depositCoins(int count, long amount) {
    List<SpendInput> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(SpendInput.of(new TxId(txid(i)), i % 3, new Satoshi(amount), Branch.DEPOSIT, i));
    }
    return out;
  }
}
