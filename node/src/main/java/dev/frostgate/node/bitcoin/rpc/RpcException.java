package dev.frostgate.node.bitcoin.rpc;

import dev.frostgate.bitcoin.rpcapi.RpcErrorCode;
import java.util.Optional;

/**
 * Bitcoin Core answered the call with an error object ({@code {"code": -26, "message": "..."}}):
 * the request reached the node and was refused by it. {@link #code()} is Core's numeric code,
 * {@link #error()} its known name ({@link RpcErrorCode#UNKNOWN} for codes this client does not
 * know), {@link #coreMessage()} Core's message (for example a mempool reject reason).
 */
public final class RpcException extends RpcFailure {
  private final int code;
  private final String coreMessage;

  public RpcException(String method, int code, String coreMessage) {
    super(
        method,
        "Bitcoin Core error " + code + " (" + RpcErrorCode.of(code).name() + "): " + coreMessage,
        null);
    this.code = code;
    this.coreMessage = coreMessage;
  }

  /** Core's numeric error code. */
  public int code() {
    return code;
  }

  /** The code as a known constant, {@link RpcErrorCode#UNKNOWN} if this client does not know it. */
  public RpcErrorCode error() {
    return RpcErrorCode.of(code);
  }

  /** Whether this is the given known error. */
  public boolean is(RpcErrorCode expected) {
    return expected != RpcErrorCode.UNKNOWN && code == expected.code();
  }

  /** Core's message, as sent (for rejected transactions, the reject reason). */
  public String coreMessage() {
    return coreMessage;
  }

  /** The code as a known constant, empty if unknown. */
  public Optional<RpcErrorCode> knownError() {
    RpcErrorCode e = error();
    return e == RpcErrorCode.UNKNOWN ? Optional.empty() : Optional.of(e);
  }
}
