package dev.frostgate.testkit.engine;

import dev.frostgate.crypto.ec.Bip340Signature;
import dev.frostgate.crypto.ec.Point;
import dev.frostgate.crypto.ec.SecretScalar;
import dev.frostgate.crypto.frost.KeyPackage;
import dev.frostgate.crypto.frost.SecretPolynomial;
import dev.frostgate.crypto.frost.SigningCommitments;
import dev.frostgate.crypto.frost.dkg.DkgOutput;
import dev.frostgate.crypto.frost.dkg.Round1Package;
import dev.frostgate.crypto.hash.Hash32;
import dev.frostgate.engine.dkg.DkgEvent;
import dev.frostgate.engine.dkg.DkgMessage;
import dev.frostgate.engine.dkg.DkgProgress;
import dev.frostgate.engine.dkg.DkgResult;
import dev.frostgate.engine.dkg.DkgSession;
import dev.frostgate.engine.dkg.DkgSessionId;
import dev.frostgate.engine.dkg.DkgStore;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link DkgStore} in memory: the simulated disk of a validator, which outlives the {@link
 * DkgSession} that a simulated crash throws away. It keeps its own copies of the secrets (the
 * session wipes its own). Like the SQLite store it refuses to record a second, different round-1
 * package or certificate for one session.
 */
public class InMemoryDkgStore implements DkgStore {
  private DkgProgress progress = DkgProgress.EMPTY;
  private final Map<DkgSessionId, List<SecretScalar>> polynomials = new HashMap<>();
  private final Map<Point, KeyPackage> keys = new HashMap<>();

  /**
   * One durable write (here: one assignment; the simulation wraps the store to crash around it).
   */
  private void write(Runnable r) {
    r.run();
  }

  @Override
  public DkgProgress load() {
    return progress;
  }

  @Override
  public Optional<SecretPolynomial> round1Polynomial(DkgSessionId session) {
    List<SecretScalar> c = polynomials.get(session);
    return c == null
        ? Optional.empty()
        : Optional.of(SecretPolynomial.of(c.stream().map(SecretScalar::copy).toList()));
  }

  @Override
  public KeyPackage keyPackage(DkgSessionId session, Point groupKey) {
    KeyPackage k = keys.get(groupKey);
    if (k == null) {
      throw new IllegalStateException("no key package for group key " + groupKey.toHex());
    }
    return copy(k);
  }

  private static KeyPackage copy(KeyPackage k) {
    return new KeyPackage(
        k.suite(),
        k.identifier(),
        k.signingShare().copy(),
        k.verifyingShare(),
        k.verifyingKey(),
        k.minSigners());
  }

  @Override
  public void saveRound1(DkgSessionId session, Round1Package pkg, SecretPolynomial polynomial) {
    Optional<DkgProgress.SessionProgress> old = progress.session(session);
    if (old.isPresent()) {
      if (!old.get().round1().equals(pkg)) {
        throw new IllegalStateException(
            "refusing a second, different round-1 package for " + session);
      }
      return;
    }
    write(
        () -> {
          polynomials.put(
              session, polynomial.coefficients().stream().map(SecretScalar::copy).toList());
          progress =
              progress.withSession(
                  new DkgProgress.SessionProgress(
                      session, pkg, Optional.empty(), Optional.empty()));
        });
  }

  @Override
  public void saveVote(DkgMessage.TimeoutVote vote) {
    write(() -> progress = progress.withVote(vote));
  }

  @Override
  public void saveExclusion(DkgEvent.Excluded exclusion) {
    write(() -> progress = progress.withExclusion(exclusion));
  }

  @Override
  public void saveCertified(
      DkgSessionId session, DkgOutput output, Hash32 view, Bip340Signature signature) {
    DkgProgress.SessionProgress s = sessionOrFail(session);
    DkgProgress.Certified c =
        new DkgProgress.Certified(
            output.transcriptHash(), output.rawPublicKeyPackage(), view, signature);
    if (s.certified().isPresent()) {
      DkgProgress.Certified old = s.certified().get();
      if (!old.transcriptHash().equals(c.transcriptHash())
          || !old.groupKey().equals(c.groupKey())) {
        throw new IllegalStateException("refusing a second, different certificate for " + session);
      }
      return;
    }
    write(
        () -> {
          keys.put(output.rawKeyPackage().verifyingKey(), copy(output.rawKeyPackage()));
          progress =
              progress.withSession(
                  new DkgProgress.SessionProgress(
                      session, s.round1(), Optional.of(c), s.testCommitment()));
        });
  }

  @Override
  public void saveTestCommitment(DkgSessionId session, SigningCommitments commitment) {
    DkgProgress.SessionProgress s = sessionOrFail(session);
    if (s.testCommitment().isPresent()) {
      throw new IllegalStateException("a test commitment was already announced in " + session);
    }
    write(
        () ->
            progress =
                progress.withSession(
                    new DkgProgress.SessionProgress(
                        session, s.round1(), s.certified(), Optional.of(commitment))));
  }

  @Override
  public void saveResult(DkgResult result) {
    if (progress.completion().isPresent()) {
      return;
    }
    write(
        () -> {
          progress =
              progress.withCompletion(
                  new DkgProgress.Completion(
                      result.session(), result.certificate(), result.testSignature()));
          polynomials.values().forEach(l -> l.forEach(SecretScalar::destroy));
          polynomials.clear();
        });
  }

  private DkgProgress.SessionProgress sessionOrFail(DkgSessionId session) {
    return progress
        .session(session)
        .orElseThrow(() -> new IllegalStateException("no round 1 saved for " + session));
  }

  @Override
  public String toString() {
    return "in-memory DKG store";
  }
}
