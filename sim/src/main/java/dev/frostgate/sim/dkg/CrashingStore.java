package dev.frostgate.sim.dkg;

import dev.frostgate.crypto.ec.Bip340Signature;
import dev.frostgate.crypto.ec.Point;
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
import dev.frostgate.engine.dkg.DkgSessionId;
import dev.frostgate.engine.dkg.DkgStore;
import dev.frostgate.sim.core.WriteCrash;
import java.util.Optional;

/**
 * A validator's DKG store that can crash the validator just before or just after a write: every
 * write goes through its {@link WriteCrash}, which the simulation arms for a step. Reads pass
 * through.
 */
final class CrashingStore implements DkgStore {
  final DkgStore inner;
  final WriteCrash writeCrash = new WriteCrash();

  CrashingStore(DkgStore inner) {
    this.inner = inner;
  }

  private void write(Runnable r) {
    writeCrash.around(r);
  }

  @Override
  public DkgProgress load() {
    return inner.load();
  }

  @Override
  public Optional<SecretPolynomial> round1Polynomial(DkgSessionId s) {
    return inner.round1Polynomial(s);
  }

  @Override
  public KeyPackage keyPackage(DkgSessionId s, Point groupKey) {
    return inner.keyPackage(s, groupKey);
  }

  @Override
  public void saveRound1(DkgSessionId s, Round1Package pkg, SecretPolynomial f) {
    write(() -> inner.saveRound1(s, pkg, f));
  }

  @Override
  public void saveVote(DkgMessage.TimeoutVote v) {
    write(() -> inner.saveVote(v));
  }

  @Override
  public void saveExclusion(DkgEvent.Excluded x) {
    write(() -> inner.saveExclusion(x));
  }

  @Override
  public void saveCertified(DkgSessionId s, DkgOutput output, Hash32 view, Bip340Signature sig) {
    write(() -> inner.saveCertified(s, output, view, sig));
  }

  @Override
  public void saveTestCommitment(DkgSessionId s, SigningCommitments c) {
    write(() -> inner.saveTestCommitment(s, c));
  }

  @Override
  public void saveResult(DkgResult r) {
    write(() -> inner.saveResult(r));
  }

  @Override
  public String toString() {
    return inner.toString();
  }
}
