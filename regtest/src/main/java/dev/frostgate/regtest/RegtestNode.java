package dev.frostgate.regtest;

import static dev.frostgate.regtest.TxJson.F;

import com.fasterxml.jackson.databind.JsonNode;
import dev.frostgate.bitcoin.rpcapi.RpcErrorCode;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;

/**
 * The node behind the RPC server: the dispatch table from Core's method names to the RPC groups
 * ({@link BlockchainRpc}, {@link MempoolRpc}, {@link ChainControlRpc}, {@link WalletRpc}, {@link
 * WalletHistory}, {@link WalletSend}) over one {@link NodeState}. All calls are serialized on this
 * object (Core's {@code cs_main}).
 */
final class RegtestNode {
  /** The methods that act on one wallet, resolved from the URI path before the call. */
  private static final Set<String> WALLET_METHODS =
      Set.of(
          "getnewaddress",
          "getrawchangeaddress",
          "getbalance",
          "listunspent",
          "listsinceblock",
          "sendtoaddress",
          "importdescriptors",
          "getwalletinfo");

  final NodeState state;
  private final BlockchainRpc blockchain;
  private final MempoolRpc mempoolRpc;
  private final ChainControlRpc chainControl;
  private final WalletRpc walletRpc;
  private final WalletHistory walletHistory;
  private final WalletSend walletSend;

  RegtestNode(EmbeddedRegtestNode.Config config, Clock clock) {
    this.state = new NodeState(config, clock);
    this.blockchain = new BlockchainRpc(state);
    this.mempoolRpc = new MempoolRpc(state);
    this.chainControl = new ChainControlRpc(state);
    this.walletRpc = new WalletRpc(state);
    this.walletHistory = new WalletHistory(state);
    this.walletSend = new WalletSend(state);
  }

  /** Mines one block paying to {@code script} (tests that need blocks without an address). */
  synchronized ChainState.BlockIndex mine(byte[] script) throws RpcErrorReply {
    return chainControl.mine(script);
  }

  /** Answers one call as Core would: the result, or Core's error code and message. */
  synchronized JsonNode call(String method, JsonNode rawParams, Optional<String> walletName)
      throws RpcErrorReply {
    if (!RpcParams.knows(method)) {
      throw new RpcErrorReply(RpcErrorCode.RPC_METHOD_NOT_FOUND, "Method not found");
    }
    RpcParams p = RpcParams.of(method, rawParams);
    Wallet w = WALLET_METHODS.contains(method) ? state.wallet(walletName) : null;
    return switch (method) {
      case "getblockchaininfo" -> blockchain.getBlockchainInfo();
      case "getblockcount" -> F.numberNode(state.chain.height());
      case "getbestblockhash" -> F.textNode(state.chain.tip().hash);
      case "getblockhash" -> blockchain.getBlockHash(p);
      case "getblockheader" -> blockchain.getBlockHeader(p);
      case "getblock" -> blockchain.getBlock(p);
      case "getrawtransaction" -> blockchain.getRawTransaction(p);
      case "decoderawtransaction" ->
          TxJson.tx(state.chain, TxJson.decode(p.str(0)), 1, false, Optional.empty());
      case "gettxout" -> blockchain.getTxOut(p);
      case "gettxoutproof" -> blockchain.getTxOutProof(p);
      case "verifytxoutproof" -> blockchain.verifyTxOutProof(p);
      case "estimatesmartfee" -> blockchain.estimateSmartFee(p);
      case "testmempoolaccept" -> mempoolRpc.testMempoolAccept(p);
      case "sendrawtransaction" -> mempoolRpc.sendRawTransaction(p);
      case "getmempoolentry" -> mempoolRpc.getMempoolEntry(p);
      case "getrawmempool" -> mempoolRpc.getRawMempool(p);
      case "getmempoolinfo" -> mempoolRpc.getMempoolInfo();
      case "getnetworkinfo" -> mempoolRpc.getNetworkInfo();
      case "createwallet" -> walletRpc.createWallet(p);
      case "loadwallet" -> walletRpc.loadWallet(p);
      case "unloadwallet" -> walletRpc.unloadWallet(p, walletName);
      case "listwallets" -> walletRpc.listWallets();
      case "getwalletinfo" -> walletRpc.getWalletInfo(w);
      case "importdescriptors" -> walletRpc.importDescriptors(w, p);
      case "getnewaddress" -> walletRpc.getNewAddress(w, p, false);
      case "getrawchangeaddress" -> walletRpc.getNewAddress(w, p, true);
      case "getbalance" -> walletRpc.getBalance(w, p);
      case "listunspent" -> walletRpc.listUnspent(w, p);
      case "listsinceblock" -> walletHistory.listSinceBlock(w, p);
      case "sendtoaddress" -> walletSend.sendToAddress(w, p);
      case "generatetoaddress" -> chainControl.generateToAddress(p);
      case "invalidateblock" -> chainControl.invalidateBlock(p, true);
      case "reconsiderblock" -> chainControl.invalidateBlock(p, false);
      case "submitblock" -> chainControl.submitBlock(p);
      case "uptime" -> F.numberNode(state.uptimeSeconds());
      case "stop" -> F.textNode("Bitcoin Core stopping"); // the server stops after replying
      case "help" -> F.textNode(String.join("\n", RpcParams.methods()));
      default -> throw new RpcErrorReply(RpcErrorCode.RPC_METHOD_NOT_FOUND, "Method not found");
    };
  }
}
