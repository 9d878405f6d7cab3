package dev.frostgate.node.api;

import java.util.Objects;
import java.util.Optional;

/**
 * What {@code GET /api/v1/action/status/{request_id}} reports for one request.
 *
 * @param requestId the request id as the client sent it
 * @param sessionId the signing session id: the request hash (hex), as envelopes carry it
 * @param state open until signed, or failed (expired unsigned)
 * @param txid the signed transaction's id (display hex), present exactly when signed
 * @param confirmations from the chain, 0 while unconfirmed; present exactly when signed
 */
public record ActionStatus(
    String requestId,
    String sessionId,
    State state,
    Optional<String> txid,
    Optional<Integer> confirmations) {

  /** A request's state, with its name on the wire. */
  public enum State {
    OPEN("open"),
    SIGNED("signed"),
    FAILED("failed");

    private final String wire;

    State(String wire) {
      this.wire = wire;
    }

    public String wire() {
      return wire;
    }
  }

  public ActionStatus {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(state, "state");
    if (txid.isPresent() != (state == State.SIGNED)
        || confirmations.isPresent() != (state == State.SIGNED)) {
      throw new IllegalArgumentException("txid and confirmations go with state signed only");
    }
    confirmations.ifPresent(
        c -> {
          if (c < 0) {
            throw new IllegalArgumentException("confirmations below 0: " + c);
          }
        });
  }

  /** Looks a request up by its id (the route's path parameter); empty if unknown. */
  public interface Lookup {
    /**
     * @throws Unavailable if the request is known but its state cannot be read now
     */
    Optional<ActionStatus> find(String requestId);
  }

  /** The chain could not be read for a known request (the API answers 503 with this message). */
  public static final class Unavailable extends RuntimeException {
    public Unavailable(String message) {
      super(message);
    }
  }
}
