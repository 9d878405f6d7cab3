package dev.frostgate.node.bitcoin.rpc;

import dev.frostgate.bitcoin.fee.FeeRate;
import fr.acinq.bitcoin.TxId;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One element of {@code testmempoolaccept}. Core's hyphenated names become underscores ({@code
 * reject-reason} → {@code reject_reason}). {@code allowed} is absent when the transaction was not
 * fully validated because another one in the package failed. {@code vsize} is the BIP141 virtual
 * size ({@code vsize_bip141} from Core 30, {@code vsize} before). {@code reject_details} (Core 29+)
 * is the reason with Core's debug message, what {@code sendrawtransaction} would answer.
 */
public record MempoolAcceptResult(
    TxId txid,
    String wtxid,
    Optional<String> package_error,
    Optional<Boolean> allowed,
    OptionalLong vsize,
    Optional<Fees> fees,
    Optional<String> reject_reason,
    Optional<String> reject_details) {

  /** Whether Core would accept the transaction. */
  public boolean isAllowed() {
    return allowed.orElse(false);
  }

  /** {@code fees}: {@code base} in satoshis. */
  public record Fees(
      long base, Optional<FeeRate> effective_feerate, List<String> effective_includes) {
    static Fees from(JsonView v) {
      v.object();
      return new Fees(
          v.get("base").sats(),
          v.opt("effective-feerate").map(JsonView::feeRate),
          v.strings("effective-includes"));
    }
  }

  static MempoolAcceptResult from(JsonView v) {
    v.object();
    return new MempoolAcceptResult(
        v.get("txid").txid(),
        v.get("wtxid").txid().toString(),
        v.optStr("package-error"),
        v.opt("allowed").map(JsonView::bool),
        v.opt("vsize_bip141").or(() -> v.opt("vsize")).isPresent()
            ? OptionalLong.of(MempoolEntry.bip141Vsize(v))
            : OptionalLong.empty(),
        v.opt("fees").map(Fees::from),
        v.optStr("reject-reason"),
        v.optStr("reject-details"));
  }
}
