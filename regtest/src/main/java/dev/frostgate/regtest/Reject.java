package dev.frostgate.regtest;

/**
 * A validation failure as Bitcoin Core reports it: the reject reason (what {@code
 * testmempoolaccept} shows) and an optional debug message ({@code sendrawtransaction} shows {@code
 * reason, debug}).
 */
record Reject(Kind kind, String reason, String debug) {

  /** Broad class of the failure; decides the RPC error code. */
  enum Kind {
    CONSENSUS,
    POLICY,
    MISSING_INPUTS,
    CONFLICT,
    ALREADY_KNOWN
  }

  static Reject consensus(String reason) {
    return new Reject(Kind.CONSENSUS, reason, "");
  }

  static Reject consensus(String reason, String debug) {
    return new Reject(Kind.CONSENSUS, reason, debug);
  }

  static Reject policy(String reason) {
    return new Reject(Kind.POLICY, reason, "");
  }

  static Reject policy(String reason, String debug) {
    return new Reject(Kind.POLICY, reason, debug);
  }

  /** Core's {@code ValidationState::ToString()}. */
  @Override
  public String toString() {
    return debug.isEmpty() ? reason : reason + ", " + debug;
  }
}
