package dev.frostgate.testkit.crypto;

import dev.frostgate.crypto.ec.SecretScalar;
import dev.frostgate.crypto.frost.Ciphersuite;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.frost.KeyPackage;
import dev.frostgate.crypto.frost.PublicKeyPackage;
import dev.frostgate.crypto.frost.Signature;
import dev.frostgate.crypto.frost.dkg.Dkg;
import dev.frostgate.crypto.frost.dkg.DkgAcceptance;
import dev.frostgate.crypto.frost.dkg.DkgCertificate;
import dev.frostgate.crypto.frost.dkg.DkgOutput;
import dev.frostgate.crypto.frost.dkg.Round1Package;
import dev.frostgate.crypto.frost.dkg.Round2Package;
import dev.frostgate.crypto.hash.Hash32;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * All n participants of a DKG in one process: part 1, 2 and 3 for everyone, the transcript
 * certificate signed with each participant's identity key, and the test signature by t of them.
 * Used by the demo, the benchmarks and tests; validators run the same parts over the network.
 */
public final class InProcessDkg {
  private InProcessDkg() {}

  public record Result(
      SortedMap<Identifier, DkgOutput> outputs,
      DkgCertificate certificate,
      Signature testSignature) {

    public DkgOutput output(Identifier id) {
      return outputs.get(id);
    }

    /** The raw (untweaked) key packages of the first {@code count} participants. */
    public List<KeyPackage> rawKeyPackages(int count) {
      return outputs.values().stream().limit(count).map(DkgOutput::rawKeyPackage).toList();
    }
  }

  /**
   * Part 1, 2 and 3 for every participant (no certificate, no test signature): the DKG's
   * computational core, for benchmarks.
   */
  public static SortedMap<Identifier, DkgOutput> runParts(
      Ciphersuite suite, int maxSigners, int minSigners, SecureRandom rnd) {
    List<Identifier> ids = Identifier.range(maxSigners);
    SortedMap<Identifier, Dkg.Part1> part1 = new TreeMap<>();
    SortedMap<Identifier, Round1Package> broadcasts = new TreeMap<>();
    for (Identifier id : ids) {
      Dkg.Part1 p = Dkg.part1(suite, id, maxSigners, minSigners, rnd);
      part1.put(id, p);
      broadcasts.put(id, p.broadcast());
    }
    SortedMap<Identifier, Dkg.Part2> part2 = new TreeMap<>();
    for (Identifier id : ids) {
      part2.put(id, Dkg.part2(part1.get(id).secret(), othersOf(broadcasts, id)));
    }
    SortedMap<Identifier, DkgOutput> outputs = new TreeMap<>();
    for (Identifier id : ids) {
      Map<Identifier, Round2Package> incoming = new TreeMap<>();
      for (var e : part2.entrySet()) {
        if (!e.getKey().equals(id)) {
          incoming.put(e.getKey(), e.getValue().outgoing().get(id));
        }
      }
      outputs.put(id, Dkg.part3(part2.get(id).secret(), othersOf(broadcasts, id), incoming));
      part2.get(id).secret().destroy();
    }
    return outputs;
  }

  /**
   * @param identityKeys one BIP340 identity key per participant, in identifier order (1..n)
   */
  public static Result run(
      Ciphersuite suite,
      int maxSigners,
      int minSigners,
      List<SecretScalar> identityKeys,
      SecureRandom rnd) {
    SortedMap<Identifier, DkgOutput> outputs = runParts(suite, maxSigners, minSigners, rnd);
    List<Identifier> ids = new ArrayList<>(outputs.keySet());
    DkgOutput first = outputs.get(ids.get(0));
    DkgCertificate cert =
        new DkgCertificate(
            first.transcriptHash(), first.rawKeyPackage().verifyingKey(), new TreeMap<>());
    for (int i = 0; i < ids.size(); i++) {
      DkgOutput out = outputs.get(ids.get(i));
      byte[] aux = new byte[32];
      rnd.nextBytes(aux);
      cert =
          cert.with(
              ids.get(i),
              DkgCertificate.sign(
                  out.transcriptHash(),
                  out.rawKeyPackage().verifyingKey(),
                  identityKeys.get(i),
                  aux));
    }
    List<KeyPackage> signers = new ArrayList<>();
    for (DkgOutput out : outputs.values()) {
      if (signers.size() < minSigners) {
        signers.add(out.keyPackage());
      }
    }
    Signature test =
        signTestMessage(signers, first.publicKeyPackage(), first.transcriptHash(), rnd);
    return new Result(outputs, cert, test);
  }

  /** Every round-1 package but {@code me}'s. */
  public static Map<Identifier, Round1Package> othersOf(
      SortedMap<Identifier, Round1Package> all, Identifier me) {
    Map<Identifier, Round1Package> m = new TreeMap<>(all);
    m.remove(me);
    return m;
  }

  /**
   * The DKG's test signature, run in this process: t signers sign {@link
   * DkgAcceptance#testMessage}, and the result must pass {@link DkgAcceptance#verify} (validators
   * run it over the network).
   */
  private static Signature signTestMessage(
      List<KeyPackage> signers,
      PublicKeyPackage publicKeys,
      Hash32 transcriptHash,
      SecureRandom rnd) {
    Signature sig =
        InProcessSigning.sign(publicKeys, signers, DkgAcceptance.testMessage(transcriptHash), rnd);
    DkgAcceptance.verify(publicKeys, transcriptHash, sig);
    return sig;
  }
}
