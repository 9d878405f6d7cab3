package dev.frostgate.node.bitcoin.rpc;

import fr.acinq.bitcoin.BlockHash;
import java.util.List;
import java.util.OptionalLong;

/** {@code getblockchaininfo}. {@code warnings} is a string in Core 27 and an array from 28. */
public record BlockchainInfo(
    String chain,
    long blocks,
    long headers,
    BlockHash bestblockhash,
    double difficulty,
    OptionalLong time,
    long mediantime,
    double verificationprogress,
    boolean initialblockdownload,
    String chainwork,
    long size_on_disk,
    boolean pruned,
    OptionalLong pruneheight,
    List<String> warnings) {

  static BlockchainInfo from(JsonView v) {
    v.object();
    return new BlockchainInfo(
        v.str("chain"),
        v.nonNegative("blocks"),
        v.nonNegative("headers"),
        v.get("bestblockhash").blockHash(),
        v.get("difficulty").dbl(),
        v.optInt64("time"),
        v.int64("mediantime"),
        v.get("verificationprogress").dbl(),
        v.get("initialblockdownload").bool(),
        v.str("chainwork"),
        v.nonNegative("size_on_disk"),
        v.get("pruned").bool(),
        v.optInt64("pruneheight"),
        v.warnings("warnings"));
  }
}
