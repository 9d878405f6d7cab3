package dev.frostgate.regtest;

/** A JSON-RPC error with Bitcoin Core's numeric code and message. */
final class RpcException extends Exception {
  static final int MISC_ERROR = -1;
  static final int TYPE_ERROR = -3;
  static final int WALLET_ERROR = -4;
  static final int INVALID_ADDRESS_OR_KEY = -5;
  static final int WALLET_INSUFFICIENT_FUNDS = -6;
  static final int INVALID_PARAMETER = -8;
  static final int WALLET_NOT_FOUND = -18;
  static final int WALLET_NOT_SPECIFIED = -19;
  static final int DESERIALIZATION_ERROR = -22;
  static final int WALLET_ALREADY_LOADED = -35;
  static final int VERIFY_ERROR = -25;
  static final int VERIFY_REJECTED = -26;
  static final int VERIFY_ALREADY_IN_CHAIN = -27;
  static final int INVALID_REQUEST = -32600;
  static final int METHOD_NOT_FOUND = -32601;
  static final int PARSE_ERROR = -32700;

  private final int code;

  RpcException(int code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  int code() {
    return code;
  }
}
