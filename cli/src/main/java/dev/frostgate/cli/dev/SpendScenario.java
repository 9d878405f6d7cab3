package dev.frostgate.cli.dev;

import dev.frostgate.bitcoin.fee.FeeRate;
import dev.frostgate.bitcoin.rpcapi.RpcErrorCode;
import dev.frostgate.bitcoin.spend.Branch;
import dev.frostgate.bitcoin.spend.ChangePolicy;
import dev.frostgate.bitcoin.spend.FeeBump;
import dev.frostgate.bitcoin.spend.SignedSpend;
import dev.frostgate.bitcoin.spend.SpendBuilder;
import dev.frostgate.bitcoin.spend.SpendInput;
import dev.frostgate.bitcoin.spend.SpendOutput;
import dev.frostgate.bitcoin.spend.SpendRecipe;
import dev.frostgate.bitcoin.spend.UnsignedSpend;
import dev.frostgate.bitcoin.spv.BlockRef;
import dev.frostgate.bitcoin.spv.ReorgReport;
import dev.frostgate.bitcoin.spv.ReorgTracker;
import dev.frostgate.bitcoin.spv.TrackedTx;
import dev.frostgate.bitcoin.watch.BlockScanWatcher;
import dev.frostgate.bitcoin.watch.ChainFollower;
import dev.frostgate.bitcoin.watch.Deposit;
import dev.frostgate.bitcoin.watch.DepositScripts;
import dev.frostgate.bitcoin.watch.Deposits;
import dev.frostgate.crypto.ec.SecretScalar;
import dev.frostgate.crypto.frost.Ciphersuite;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.frost.KeyPackage;
import dev.frostgate.crypto.frost.PublicKeyPackage;
import dev.frostgate.crypto.frost.Thresholds;
import dev.frostgate.crypto.frost.dkg.DkgOutput;
import dev.frostgate.crypto.hd.Network;
import dev.frostgate.crypto.hd.ThresholdXpub;
import dev.frostgate.node.bitcoin.rpc.BitcoinRpcClient;
import dev.frostgate.node.bitcoin.rpc.BlockchainInfo;
import dev.frostgate.node.bitcoin.rpc.MempoolAcceptResult;
import dev.frostgate.node.bitcoin.rpc.RawTransactionInfo;
import dev.frostgate.node.bitcoin.rpc.RpcBlockSource;
import dev.frostgate.node.bitcoin.rpc.RpcException;
import dev.frostgate.node.bitcoin.watch.DescriptorWalletWatcher;
import dev.frostgate.testkit.bitcoin.InProcessSpendSigning;
import dev.frostgate.testkit.crypto.InProcessDkg;
import fr.acinq.bitcoin.BlockHash;
import fr.acinq.bitcoin.OutPoint;
import fr.acinq.bitcoin.Satoshi;
import fr.acinq.bitcoin.TxId;
import java.io.PrintWriter;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The Bitcoin layer end to end against one regtest node reached over JSON-RPC (the embedded node or
 * bitcoind; nothing here knows which): a t-of-n DKG, loan addresses, deposits to three loans found
 * by a watch-only descriptor wallet and by block scanning, one transaction spending all three
 * signed in one FROST session, broadcast and confirmed, a second spend replaced by a fee bump, and
 * a reorg that disconnects the deposits. Every step is printed; a failed step throws {@link
 * StepFailed} naming it.
 */
public final class SpendScenario {
  /** Name of the wallet that pays the deposits (created or loaded if missing). */
  public static final String FUNDING_WALLET = "frostgate-demo";

  static final long[] DEPOSITS_SAT = {40_000_000, 30_000_000, 20_000_000};
  static final long RECIPIENT_SAT = 50_000_000;
  static final long SECOND_RECIPIENT_SAT = 10_000_000;
  static final long FEE_CAP_SAT = 100_000;
  static final FeeRate SPEND_RATE = FeeRate.satPerVb(2);
  static final FeeRate LOW_RATE = FeeRate.satPerVb(1);
  static final FeeRate BUMP_RATE = FeeRate.satPerVb(5);
  private static final int REORG_WINDOW = 12;
  private static final HexFormat HEX = HexFormat.of();

  /** Group size, threshold and the number of loan addresses watched. */
  public record Options(int participants, int threshold, int lookahead) {
    public Options {
      Thresholds.check(threshold, participants);
      if (lookahead < 3 || lookahead > 10_000) {
        throw new IllegalArgumentException("lookahead must be 3..10000, got " + lookahead);
      }
    }

    public static Options defaults() {
      return new Options(15, 10, DepositScripts.DEFAULT_LOOKAHEAD);
    }
  }

  /** What the scenario saw, for tests and callers. */
  public record Result(
      String chain,
      ThresholdXpub xpub,
      List<String> depositAddresses,
      List<TxId> fundingTxids,
      BlockRef fundingBlock,
      List<Deposit> walletDeposits,
      List<Deposit> scannedDeposits,
      String spendTxid,
      long estimatedVsize,
      long signedVsize,
      long nodeVsize,
      int signers,
      int messages,
      long confirmations,
      String originalTxid,
      String replacementTxid,
      List<TxId> mempoolAfterBump,
      ReorgReport reorg) {}

  /** A step that did not do what it should; the message names the step. */
  public static final class StepFailed extends RuntimeException {
    private final int step;

    StepFailed(int step, String title, String detail, Throwable cause) {
      super("step " + step + " (" + title + ") failed: " + detail, cause);
      this.step = step;
    }

    public int step() {
      return step;
    }
  }

  private final BitcoinRpcClient node;
  private final RpcBlockSource chain;
  private final Options options;
  private final PrintWriter out;
  private final SecureRandom rnd = new SecureRandom();
  private int step;
  private String title = "start";

  private SpendScenario(BitcoinRpcClient node, Options options, PrintWriter out) {
    this.node = Objects.requireNonNull(node, "node");
    this.chain = new RpcBlockSource(node);
    this.options = Objects.requireNonNull(options, "options");
    this.out = Objects.requireNonNull(out, "out");
  }

  /**
   * Runs every step against {@code node} (the node's root endpoint), printing to {@code out}.
   *
   * @throws StepFailed naming the first step that failed (an RPC failure included)
   */
  public static Result run(BitcoinRpcClient node, Options options, PrintWriter out) {
    SpendScenario s = new SpendScenario(node, options, out);
    try {
      return s.steps();
    } catch (StepFailed e) {
      throw e;
    } catch (RuntimeException e) {
      throw new StepFailed(s.step, s.title, e.getMessage(), e);
    } finally {
      out.flush();
    }
  }

  private void step(String stepTitle) {
    step++;
    title = stepTitle;
    out.printf("%d. %s%n", step, stepTitle);
    out.flush();
  }

  private void line(String format, Object... args) {
    out.printf("   " + format + "%n", args);
  }

  private void check(boolean ok, String detail) {
    if (!ok) {
      throw new StepFailed(step, title, detail, null);
    }
  }

  private Result steps() {
    step("Bitcoin node");
    BlockchainInfo info = node.getBlockchainInfo();
    line(
        "chain %s, height %d, %s", info.chain(), info.blocks(), node.getNetworkInfo().subversion());
    check(
        "regtest".equals(info.chain()),
        "the node is on " + info.chain() + "; spend-demo mines blocks and runs only on regtest");

    step(
        "DKG: "
            + options.threshold()
            + "-of-"
            + options.participants()
            + " among in-process participants");
    long t0 = System.nanoTime();
    List<SecretScalar> identity = new ArrayList<>();
    for (int i = 0; i < options.participants(); i++) {
      identity.add(SecretScalar.random(rnd));
    }
    InProcessDkg.Result dkg =
        InProcessDkg.run(
            Ciphersuite.TAPROOT, options.participants(), options.threshold(), identity, rnd);
    DkgOutput first = dkg.output(Identifier.of(1));
    ThresholdXpub xpub =
        ThresholdXpub.of(first.rawKeyPackage().verifyingKey(), first.chainCode(), Network.REGTEST);
    PublicKeyPackage rawPublic = first.rawPublicKeyPackage();
    line("group key %s (%d ms)", first.rawKeyPackage().verifyingKey().toHex(), ms(t0));
    line("xpub      %s", xpub.serialize());

    step("Loan addresses and the watch-only descriptor wallet");
    DepositScripts scripts = DepositScripts.derive(xpub, options.lookahead());
    List<String> addresses = new ArrayList<>();
    for (int n = 0; n < DEPOSITS_SAT.length; n++) {
      addresses.add(scripts.address(n));
      line("loan %d    %s", n, addresses.get(n));
    }
    String watchName = "frostgate-watch-" + HEX.formatHex(xpub.groupKey().xOnly()).substring(0, 16);
    DescriptorWalletWatcher walletWatcher =
        DescriptorWalletWatcher.create(node, watchName, scripts, OptionalLong.empty());
    line("wallet    %s (watch-only)", watchName);
    line("imported  %s, range 0..%d", scripts.descriptor(), scripts.lookahead() - 1);

    step("Funding wallet");
    BitcoinRpcClient funds = fundingWallet();
    String miner = funds.getNewAddress();
    long balance = funds.getBalance().getSat();
    long need = 100_000_000;
    if (balance < need) {
      t0 = System.nanoTime();
      node.generateToAddress(101, miner);
      line("mined 101 blocks to %s (%d ms)", miner, ms(t0));
      balance = funds.getBalance().getSat();
    }
    line("wallet %s balance %s sat", FUNDING_WALLET, balance);
    check(balance >= need, "funding wallet has " + balance + " sat, needs " + need);
    long scanFrom = node.getBlockCount() + 1;
    BlockScanWatcher scanWatcher = new BlockScanWatcher(chain, scripts, scanFrom);

    step("Fund three loan addresses and mine a block");
    List<TxId> fundingTxids = new ArrayList<>();
    for (int n = 0; n < DEPOSITS_SAT.length; n++) {
      TxId txid =
          funds.sendToAddress(
              addresses.get(n),
              new Satoshi(DEPOSITS_SAT[n]),
              Optional.of(dev.frostgate.bitcoin.fee.FeeRate.ofSatPerVb(2)));
      fundingTxids.add(txid);
      line("sendtoaddress loan %d %d sat: %s", n, DEPOSITS_SAT[n], txid);
    }
    BlockHash fundingHash = node.generateToAddress(1, miner).get(0);
    BlockRef fundingBlock =
        new BlockRef(Math.toIntExact(node.getBlockHeader(fundingHash).height()), fundingHash);
    line("mined block %s", fundingBlock);

    step("Detect the deposits");
    ReorgTracker tracker = ReorgTracker.create(REORG_WINDOW);
    tracker = ChainFollower.advance(tracker, chain).tracker();
    List<Deposit> walletDeposits = walletWatcher.poll();
    List<Deposit> scanned = scanWatcher.poll();
    for (Deposit d : walletDeposits) {
      line("deposit %s", d);
    }
    check(
        walletDeposits.size() == DEPOSITS_SAT.length,
        "the descriptor wallet reports " + walletDeposits.size() + " deposits, expected 3");
    for (int n = 0; n < DEPOSITS_SAT.length; n++) {
      TxId txid = fundingTxids.get(n);
      long loan = n;
      long amount = DEPOSITS_SAT[n];
      check(
          walletDeposits.stream()
              .anyMatch(
                  d ->
                      d.txid().equals(txid)
                          && d.index() == loan
                          && d.amount().getSat() == amount
                          && d.block().equals(fundingBlock)),
          "no deposit of " + amount + " sat to loan " + loan + " in " + txid);
    }
    check(
        outpoints(scanned).equals(outpoints(walletDeposits)),
        "block scanning found " + scanned + ", the descriptor wallet " + walletDeposits);
    line(
        "listsinceblock (watch-only wallet): %d deposits; getblock scan from height %d: the same %d",
        walletDeposits.size(), scanFrom, scanned.size());
    tracker = Deposits.track(tracker, walletDeposits);
    for (Deposit d : walletDeposits) {
      line(
          "tracked %s: %d confirmation(s)",
          d.txid(), tracker.confirmations(d.txid()).orElseThrow());
    }

    step("Build one transaction spending the three deposits");
    String recipient = funds.getNewAddress();
    List<SpendInput> inputs = new ArrayList<>();
    for (Deposit d : walletDeposits) {
      inputs.add(new SpendInput(d.outPoint(), d.amount(), Branch.DEPOSIT, d.index()));
    }
    SpendRecipe recipe =
        new SpendRecipe(
            inputs,
            List.of(SpendOutput.toAddress(recipient, new Satoshi(RECIPIENT_SAT))),
            SPEND_RATE,
            ChangePolicy.toIndex(0),
            new Satoshi(FEE_CAP_SAT));
    UnsignedSpend unsigned = SpendBuilder.build(recipe, xpub);
    line("txid      %s", unsigned.txid());
    line("inputs    %d (loans %s)", unsigned.inputs().size(), depositIndexes(unsigned));
    line("recipient %s %d sat", recipient, RECIPIENT_SAT);
    line("change    %s %d sat (<xpub>/1/0)", xpub.changeAddress(0), unsigned.change().getSat());
    line(
        "fee       %d sat at %s, estimated vsize %d vB",
        unsigned.fee().getSat(), SPEND_RATE, unsigned.vsize());
    check(unsigned.changeOutput().isPresent(), "the spend has no change output");

    List<KeyPackage> signers = lastSigners(dkg);
    step(
        "Sign with one FROST session among "
            + signers.size()
            + " of "
            + options.participants()
            + " participants");
    t0 = System.nanoTime();
    SignedSpend signed = InProcessSpendSigning.sign(unsigned, rawPublic, signers, rnd);
    line(
        "signers   %s",
        signers.stream().map(k -> String.valueOf(k.identifier().smallValue())).toList());
    line(
        "%d messages (one BIP341 sighash per input) signed in %d ms; script interpreter: valid",
        unsigned.sigHashes().size(), ms(t0));
    line("vsize     estimated %d, signed %d", unsigned.vsize(), signed.vsize());
    check(
        signed.vsize() == unsigned.vsize(),
        "signed vsize " + signed.vsize() + " differs from the estimate " + unsigned.vsize());

    step("testmempoolaccept, broadcast, mine, confirm");
    MempoolAcceptResult accept =
        node.testMempoolAccept(List.of(signed.tx()), Optional.empty()).get(0);
    check(accept.isAllowed(), "testmempoolaccept rejected it: " + rejection(accept));
    line(
        "testmempoolaccept: allowed, vsize %s",
        accept.vsize().isPresent() ? accept.vsize().getAsLong() + " vB" : "not reported");
    check(
        accept.vsize().isEmpty() || accept.vsize().getAsLong() == unsigned.vsize(),
        "the node measures vsize " + accept.vsize() + ", estimated " + unsigned.vsize());
    TxId spendTxid = node.sendRawTransaction(signed.tx(), Optional.empty());
    line("sendrawtransaction: %s", spendTxid);
    BlockHash spendHash = node.generateToAddress(1, miner).get(0);
    RawTransactionInfo mined = node.getRawTransactionVerbose(spendTxid, Optional.of(spendHash));
    BlockRef spendBlock =
        new BlockRef(Math.toIntExact(node.getBlockHeader(spendHash).height()), spendHash);
    long confirmations = mined.confirmations().orElse(0);
    line(
        "mined in %s: %d confirmation(s), vsize %d on the node",
        spendBlock, confirmations, mined.vsize());
    check(confirmations >= 1, "the spend has " + confirmations + " confirmations");
    check(
        mined.vsize() == unsigned.vsize(),
        "the node measures vsize " + mined.vsize() + ", estimated " + unsigned.vsize());
    tracker = ChainFollower.advance(tracker, chain).tracker();
    tracker = tracker.track(spendTxid, TrackedTx.Kind.SPEND, spendBlock);

    step("Second spend at a low fee rate, then a fee bump by replacement");
    int changeVout = unsigned.changeOutput().getAsInt();
    SpendInput change =
        new SpendInput(new OutPoint(spendTxid, changeVout), unsigned.change(), Branch.CHANGE, 0);
    String recipient2 = funds.getNewAddress();
    UnsignedSpend low =
        SpendBuilder.build(
            new SpendRecipe(
                List.of(change),
                List.of(SpendOutput.toAddress(recipient2, new Satoshi(SECOND_RECIPIENT_SAT))),
                LOW_RATE,
                ChangePolicy.toIndex(1),
                new Satoshi(FEE_CAP_SAT)),
            xpub);
    SignedSpend lowSigned = InProcessSpendSigning.sign(low, rawPublic, signers, rnd);
    TxId originalTxid = node.sendRawTransaction(lowSigned.tx(), Optional.empty());
    line("original    %s at %s, fee %d sat", originalTxid, LOW_RATE, low.fee().getSat());
    check(node.getMempoolEntry(originalTxid).isPresent(), "the original is not in the mempool");
    FeeRate bumpRate =
        BUMP_RATE.compareTo(FeeBump.minimumRate(low)) >= 0 ? BUMP_RATE : FeeBump.minimumRate(low);
    UnsignedSpend bumped = FeeBump.bump(low, bumpRate, new Satoshi(FEE_CAP_SAT));
    SignedSpend bumpedSigned = InProcessSpendSigning.sign(bumped, rawPublic, signers, rnd);
    MempoolAcceptResult bumpAccept =
        node.testMempoolAccept(List.of(bumpedSigned.tx()), Optional.empty()).get(0);
    check(
        bumpAccept.isAllowed(),
        "testmempoolaccept rejected the replacement: " + rejection(bumpAccept));
    TxId replacementTxid = node.sendRawTransaction(bumpedSigned.tx(), Optional.empty());
    line("replacement %s at %s, fee %d sat", replacementTxid, bumpRate, bumped.fee().getSat());
    List<TxId> mempool = node.getRawMempool();
    boolean replacementIn = node.getMempoolEntry(replacementTxid).isPresent();
    boolean originalIn = node.getMempoolEntry(originalTxid).isPresent();
    line(
        "mempool: replacement %s, original %s",
        replacementIn ? "present" : "MISSING", originalIn ? "STILL PRESENT" : "evicted");
    check(
        replacementIn && mempool.contains(replacementTxid),
        "the replacement is not in the mempool");
    check(!originalIn && !mempool.contains(originalTxid), "the original was not evicted");

    step("Reorg: invalidate the block holding the deposits");
    node.invalidateBlock(fundingHash);
    ReorgTracker.Update update = ChainFollower.advance(tracker, chain);
    ReorgReport report = update.report();
    line("invalidateblock %s", fundingBlock);
    line(
        "ReorgReport: fork point %s, new tip %s, %d block(s) disconnected",
        report.forkPoint().map(BlockRef::toString).orElse("none"), report.newTip(), report.depth());
    for (TrackedTx t : report.disconnected()) {
      line("disconnected %s %s (was in block %s)", t.kind(), t.txid(), t.block());
    }
    Set<TxId> gone = new HashSet<>();
    report.disconnected().forEach(t -> gone.add(t.txid()));
    check(report.isReorg(), "no reorganization was reported");
    check(
        gone.containsAll(fundingTxids),
        "the report does not name every deposit as disconnected: " + report.disconnected());
    check(gone.contains(spendTxid), "the report does not name the spend as disconnected");
    walletWatcher.rewind(report.forkPoint().orElseThrow());
    scanWatcher.rewind(report.forkPoint().orElseThrow());
    node.call("reconsiderblock", List.of(BitcoinRpcClient.displayHex(fundingHash)));
    line("restored the chain with reconsiderblock: tip at height %d", node.getBlockCount());

    out.println("spend-demo: all steps passed");
    return new Result(
        info.chain(),
        xpub,
        addresses,
        fundingTxids,
        fundingBlock,
        walletDeposits,
        scanned,
        signed.txid().toString(),
        unsigned.vsize(),
        signed.vsize(),
        mined.vsize(),
        signers.size(),
        unsigned.sigHashes().size(),
        confirmations,
        originalTxid.toString(),
        replacementTxid.toString(),
        mempool,
        report);
  }

  /** The funding wallet: loaded, or created with private keys if the node has none by that name. */
  private BitcoinRpcClient fundingWallet() {
    if (!node.listWallets().contains(FUNDING_WALLET)) {
      try {
        node.createWallet(FUNDING_WALLET, false, false);
      } catch (RpcException e) {
        if (!e.coreMessage().contains("already exists")) {
          throw e;
        }
        try {
          node.loadWallet(FUNDING_WALLET);
        } catch (RpcException loaded) {
          if (!loaded.is(RpcErrorCode.RPC_WALLET_ALREADY_LOADED)) {
            throw loaded;
          }
        }
      }
    }
    return node.forWallet(FUNDING_WALLET);
  }

  /** Core's reason with its details (v29+), else the reason alone. */
  private static String rejection(MempoolAcceptResult r) {
    return r.reject_details().or(r::reject_reason).orElse("no reason given");
  }

  /** The last t participants: a signer set that is not simply the first t. */
  private List<KeyPackage> lastSigners(InProcessDkg.Result dkg) {
    List<KeyPackage> all = dkg.outputs().values().stream().map(DkgOutput::rawKeyPackage).toList();
    return all.subList(all.size() - options.threshold(), all.size());
  }

  private static List<Long> depositIndexes(UnsignedSpend s) {
    return s.inputs().stream().map(SpendInput::index).toList();
  }

  private static Set<OutPoint> outpoints(List<Deposit> deposits) {
    Set<OutPoint> s = new HashSet<>();
    deposits.forEach(d -> s.add(d.outPoint()));
    return s;
  }

  private static long ms(long t0) {
    return (System.nanoTime() - t0) / 1_000_000;
  }
}
