package dev.frostgate.engine.dkg;

import dev.frostgate.crypto.ec.Bip340Signature;
import dev.frostgate.crypto.ec.Point;
import dev.frostgate.crypto.frost.KeyPackage;
import dev.frostgate.crypto.frost.SecretPolynomial;
import dev.frostgate.crypto.frost.SigningCommitments;
import dev.frostgate.crypto.frost.dkg.DkgOutput;
import dev.frostgate.crypto.frost.dkg.Round1Package;
import dev.frostgate.crypto.hash.Hash32;
import java.util.Optional;

/**
 * Storage port of one validator's DKG (one ceremony): what {@link DkgSession} needs to resume after
 * a crash at any point. Every {@code save*} call is durable when it returns, and the session calls
 * it before the message it protects leaves (the caller sends a step's messages only after the step
 * returns), so nothing is ever sent that a restart could contradict. Public progress goes to the
 * state database; the two secrets (the round-1 polynomial and the key package) only through the key
 * store. Nonces are never given to the store.
 *
 * <p>Implementations: {@code InMemoryDkgStore} (the simulation's disk, a test fixture) and {@code
 * SqliteDkgStore} (SQLite state file and {@code KeyStore}).
 */
public interface DkgStore {

  /** Public progress saved so far ({@link DkgProgress#EMPTY} before the first start). */
  DkgProgress load();

  /**
   * This validator's round-1 polynomial of a session whose round-1 package was saved (empty if it
   * was deleted after completion). The caller owns it.
   */
  Optional<SecretPolynomial> round1Polynomial(DkgSessionId session);

  /** The raw key package saved with {@link #saveCertified} for that group key. Caller owns it. */
  KeyPackage keyPackage(DkgSessionId session, Point groupKey);

  /** Before our round-1 broadcast of {@code session} leaves: the package and its polynomial. */
  void saveRound1(DkgSessionId session, Round1Package pkg, SecretPolynomial polynomial);

  /** Before our timeout vote leaves. */
  void saveVote(DkgMessage.TimeoutVote vote);

  /** An exclusion this validator applied, with its proof (before the next session's round 1). */
  void saveExclusion(DkgEvent.Excluded exclusion);

  /**
   * Before our certificate signature of {@code session} leaves: the session's output (key package
   * through the key store), our view of round 1 (what our round-2 shares were signed over) and the
   * signature, so the session is never certified differently and our shares can be re-sent.
   */
  void saveCertified(
      DkgSessionId session, DkgOutput output, Hash32 view, Bip340Signature certificateSignature);

  /** Before our test nonce commitment of {@code session} leaves (the nonces are not saved). */
  void saveTestCommitment(DkgSessionId session, SigningCommitments commitment);

  /**
   * The DKG completed: the result's public parts (key metadata) are saved, the key package already
   * is (it was saved with the certificate); round-1 polynomials are no longer needed and are
   * deleted.
   */
  void saveResult(DkgResult result);

  /** A store that keeps nothing: a restarted session starts over (tests of the protocol alone). */
  DkgStore NONE =
      new DkgStore() {
        @Override
        public DkgProgress load() {
          return DkgProgress.EMPTY;
        }

        @Override
        public Optional<SecretPolynomial> round1Polynomial(DkgSessionId session) {
          return Optional.empty();
        }

        @Override
        public KeyPackage keyPackage(DkgSessionId session, Point groupKey) {
          throw new IllegalStateException("nothing is stored");
        }

        @Override
        public void saveRound1(
            DkgSessionId session, Round1Package pkg, SecretPolynomial polynomial) {}

        @Override
        public void saveVote(DkgMessage.TimeoutVote vote) {}

        @Override
        public void saveExclusion(DkgEvent.Excluded exclusion) {}

        @Override
        public void saveCertified(
            DkgSessionId session, DkgOutput output, Hash32 view, Bip340Signature signature) {}

        @Override
        public void saveTestCommitment(DkgSessionId session, SigningCommitments commitment) {}

        @Override
        public void saveResult(DkgResult result) {}

        @Override
        public String toString() {
          return "no DKG store";
        }
      };
}
