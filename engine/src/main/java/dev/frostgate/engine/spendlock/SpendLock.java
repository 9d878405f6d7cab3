package dev.frostgate.engine.spendlock;

import dev.frostgate.engine.request.RequestId;
import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.OutPoint;
import fr.acinq.bitcoin.Satoshi;
import fr.acinq.bitcoin.TxId;
import java.util.Objects;

/**
 * A spend lock: this node signed transaction {@code tx}, for {@code request}, spending {@code
 * outpoint}, paying {@code fee} in fees to the recipients whose digest is {@code recipientsDigest}
 * ({@link SpendProposal#recipientsDigest}). One lock per input of a signed transaction; the {@link
 * SpendLockRule} decides against them. The digest is 32 bytes when this node computed it; a stored
 * lock is taken as it is (two locks pay the same recipients iff their digests are equal).
 */
public record SpendLock(
    OutPoint outpoint, TxId tx, RequestId request, Satoshi fee, ByteVector recipientsDigest) {
  public SpendLock {
    Objects.requireNonNull(outpoint, "outpoint");
    Objects.requireNonNull(tx, "tx");
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(recipientsDigest, "recipientsDigest");
    Objects.requireNonNull(fee, "fee");
    if (fee.getSat() < 0) {
      throw new IllegalArgumentException("fee must not be negative, got " + fee.getSat());
    }
  }
}
