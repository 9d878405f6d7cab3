package dev.frostgate.node.bitcoin.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import fr.acinq.bitcoin.BlockHash;
import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.Satoshi;
import fr.acinq.bitcoin.TxId;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * Coverage-guided fuzzing of how {@link BitcoinRpcClient} reads Bitcoin Core's answers: the
 * JSON-RPC envelope ({@code result}, {@code error}, {@code id}, HTTP status) and every typed view
 * of a result. The first input byte picks the method (and, in its top bit, HTTP 500 instead of
 * 200); the rest is the answer's body, served by an in-memory transport. A malformed answer must
 * fail with an {@link RpcFailure} naming the method, never with another exception.
 */
class BitcoinRpcAnswersFuzzTest {
  private static final BlockHash BLOCK = BitcoinRpcClient.blockHashFromDisplay(Fixtures.H1);
  private static final TxId TXID = new TxId(Fixtures.H2);

  /** The client's methods, in the order the first input byte selects them. */
  static final List<Consumer<BitcoinRpcClient>> METHODS =
      List.of(
          c -> c.getBlockchainInfo(),
          c -> c.getBlockCount(),
          c -> c.getBlockHash(1),
          c -> c.getBlockHeader(BLOCK),
          c -> c.getBlockHeaderRaw(BLOCK),
          c -> c.getBlock(BLOCK),
          c -> c.getBlockRaw(BLOCK),
          c -> c.generateToAddress(2, "bcrt1qaddress"),
          c -> c.getRawTransaction(TXID),
          c -> c.getRawTransactionVerbose(TXID, Optional.of(BLOCK)),
          c -> c.getTxOut(TXID, 0, true),
          c -> c.getTxOutProof(List.of(TXID), Optional.empty()),
          c -> c.verifyTxOutProof(ByteVector.fromHex("00")),
          c -> c.testMempoolAccept(List.of(Fixtures.coinbase()), Optional.empty()),
          c -> c.sendRawTransaction(Fixtures.coinbase(), Optional.empty()),
          c -> c.getMempoolEntry(TXID),
          c -> c.getRawMempool(),
          c -> c.getMempoolInfo(),
          c -> c.getNetworkInfo(),
          c -> c.estimateSmartFee(6),
          c -> c.createWallet("w", true, true),
          c -> c.loadWallet("w"),
          c ->
              c.importDescriptors(
                  List.of(DescriptorImport.watchRanged("tr(x/0/*)", 0, 9, OptionalLong.empty()))),
          c -> c.listUnspent(0, 9_999_999, List.of()),
          c -> c.listSinceBlock(Optional.of(BLOCK), 1),
          c -> c.sendToAddress("bcrt1qaddress", new Satoshi(1_000)),
          c -> c.getNewAddress(),
          c -> c.getBalance(),
          c -> c.listWallets());

  @FuzzTest
  void answer(byte[] data) {
    if (data.length == 0) {
      return;
    }
    int status = (data[0] & 0x80) == 0 ? 200 : 500;
    Consumer<BitcoinRpcClient> method = METHODS.get((data[0] & 0x7f) % METHODS.size());
    String body = new String(Arrays.copyOfRange(data, 1, data.length), StandardCharsets.UTF_8);
    RpcTransport transport =
        new RpcTransport() {
          @Override
          public Reply post(URI uri, String authorization, byte[] request, Duration timeout) {
            return new Reply(status, body);
          }

          @Override
          public void close() {}
        };
    RpcClientConfig config =
        RpcClientConfig.of(URI.create("http://127.0.0.1:18443/"), RpcAuth.userPassword("u", "p"))
            .withRetry(RetryPolicy.defaults());
    try (BitcoinRpcClient client = new BitcoinRpcClient(config, transport, d -> {})) {
      method.accept(client);
    } catch (RpcFailure e) {
      assertThat(e.method()).isNotEmpty();
    }
  }
}
