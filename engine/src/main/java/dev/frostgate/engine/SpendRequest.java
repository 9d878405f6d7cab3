package dev.frostgate.engine;

import dev.frostgate.bitcoin.spend.SpendRecipe;
import dev.frostgate.engine.request.RequestId;
import java.util.Objects;

/**
 * A request from the protocol chain to move coins, as every validator reads it from its own view of
 * that chain. The recipe determines exactly one unsigned transaction.
 *
 * @param createdAt the (protocol-chain) time the request appeared: attempt 0 starts then
 * @param expiresAt after this time no validator signs it
 */
public record SpendRequest(RequestId id, SpendRecipe recipe, long createdAt, long expiresAt) {
  public SpendRequest {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(recipe, "recipe");
    if (expiresAt < createdAt) {
      throw new IllegalArgumentException("request expires before it is created");
    }
  }
}
