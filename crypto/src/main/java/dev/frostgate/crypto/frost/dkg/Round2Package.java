package dev.frostgate.crypto.frost.dkg;

import dev.frostgate.crypto.ec.SecretScalar;
import dev.frostgate.crypto.frost.Identifier;

/**
 * What a participant sends privately to one other participant in DKG part 2: f_sender(receiver).
 * Secret: it must travel over an authenticated, confidential channel (TLS between validators, or an
 * encrypted file in the offline ceremony).
 */
public record Round2Package(Identifier sender, Identifier receiver, SecretScalar share) {
  @Override
  public String toString() {
    return "Round2Package[" + sender + " -> " + receiver + "]";
  }
}
