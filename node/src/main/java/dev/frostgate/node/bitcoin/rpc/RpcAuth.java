package dev.frostgate.node.bitcoin.rpc;

import java.nio.file.Path;
import java.util.Objects;

/** How the client authenticates to Bitcoin Core. */
public sealed interface RpcAuth {

  /** {@code rpcuser}/{@code rpcpassword} (or an {@code rpcauth} entry). */
  record UserPassword(String user, String password) implements RpcAuth {
    public UserPassword {
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(password, "password");
      if (user.contains(":")) {
        throw new IllegalArgumentException("RPC user must not contain ':'");
      }
    }

    @Override
    public String toString() {
      return "UserPassword[user=" + user + ", password=<redacted>]";
    }
  }

  /**
   * Core's cookie file ({@code <datadir>/[<chain>/].cookie}, content {@code __cookie__:<hex>}).
   * bitcoind writes a new cookie on every start; the client re-reads the file when the node answers
   * 401.
   */
  record CookieFile(Path path) implements RpcAuth {
    public CookieFile {
      Objects.requireNonNull(path, "path");
    }
  }

  static RpcAuth userPassword(String user, String password) {
    return new UserPassword(user, password);
  }

  static RpcAuth cookieFile(Path path) {
    return new CookieFile(path);
  }
}
