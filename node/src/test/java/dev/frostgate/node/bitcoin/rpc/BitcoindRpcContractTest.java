package dev.frostgate.node.bitcoin.rpc;

import dev.frostgate.testkit.node.bitcoind.BitcoindAvailable;
import dev.frostgate.testkit.node.bitcoind.RegtestBitcoind;
import dev.frostgate.testkit.node.bitcoind.TestBitcoind;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The client contract against a real {@code bitcoind -regtest} ({@link RegtestBitcoind}: free
 * ports, a temporary data directory, cookie authentication), stopped and removed after the class.
 * Skipped, saying where it looked, when no bitcoind is found ({@code
 * ../shared/bitcoin-core/bin/bitcoind} by default).
 */
@ExtendWith(BitcoindAvailable.class)
class BitcoindRpcContractTest extends RpcClientContract {
  @Override
  Server startServer() {
    RegtestBitcoind node = TestBitcoind.startOrSkip();
    return new Server() {
      @Override
      public URI url() {
        return node.url();
      }

      @Override
      public Path cookieFile() {
        return node.cookieFile();
      }

      @Override
      public void close() {
        node.close();
      }
    };
  }
}
