package dev.frostgate.node.stacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.frostgate.crypto.ec.Secp256k1;
import dev.frostgate.crypto.ec.SecretScalar;
import dev.frostgate.crypto.hash.Hash32;
import dev.frostgate.crypto.hash.Hashes;
import dev.frostgate.stacks.address.AddressVersion;
import dev.frostgate.stacks.address.StacksAddress;
import dev.frostgate.stacks.clarity.ClarityCodec;
import dev.frostgate.stacks.clarity.ClarityValue;
import dev.frostgate.stacks.events.LoanProtocolEvent;
import dev.frostgate.stacks.events.LoanProtocolEvents;
import dev.frostgate.stacks.node.ContractEvent;
import dev.frostgate.stacks.node.EventCursor;
import dev.frostgate.stacks.node.StacksNode.BroadcastResult;
import dev.frostgate.stacks.node.StacksNodeException;
import dev.frostgate.stacks.tx.ContractCall;
import dev.frostgate.stacks.tx.ContractCallTransaction;
import dev.frostgate.stacks.tx.SignedTransaction;
import dev.frostgate.stacks.tx.StacksNetwork;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The Java Stacks client against the devnode: the real contract in simnet, signed transactions
 * checked by the devnode (signature, low-S, nonce, fee), read-only calls, map entries, fee
 * estimates, and the contract's events through the webhook and through polling.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StacksDevnodeTest {
  private static final String TAPROOT = "5120" + "5a".repeat(32);
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private DevnodeProcess devnode;
  private HttpStacksNode node;
  private String contractId;
  private final List<SecretScalar> keys = new ArrayList<>();
  private final StacksAddress borrower =
      StacksAddress.of(AddressVersion.TESTNET_SINGLE_SIG, new byte[20]);

  private final java.util.Optional<String> unavailable = DevnodeProcess.unavailable();

  @BeforeAll
  void start() throws Exception {
    if (unavailable.isPresent()) {
      System.err.println("StacksDevnodeTest: " + unavailable.get());
      return;
    }
    devnode = DevnodeProcess.start();
    contractId = devnode.deployer + ".loan-protocol-v2";
    node = new HttpStacksNode(devnode.url, TIMEOUT);
    for (int i = 1; i <= 3; i++) {
      SecretScalar key = SecretScalar.fromBytes(Hashes.sha256(Hashes.ascii("java-validator-" + i)));
      keys.add(key);
      JsonNode r =
          devnode.unsignedCall(
              devnode.deployer,
              "loan-protocol-v2",
              "register-validator",
              List.of(hex(ClarityValue.UInt.of(i)), hex(new ClarityValue.Buffer(publicKey(key)))));
      assertThat(r.get("repr").asText()).isEqualTo("(ok " + validator(i - 1) + ")");
    }
    devnode.unsignedCall(
        devnode.deployer,
        "loan-protocol-v2",
        "set-signing-threshold",
        List.of(hex(ClarityValue.UInt.of(2))));
  }

  @org.junit.jupiter.api.BeforeEach
  void skipWithoutNode() {
    DevnodeProcess.assumeAvailable(unavailable);
  }

  @AfterAll
  void stop() throws Exception {
    if (devnode != null) {
      devnode.close();
    }
    keys.forEach(SecretScalar::destroy);
  }

  private static String hex(ClarityValue v) {
    return "0x" + ClarityCodec.serializeHex(v);
  }

  private static byte[] publicKey(SecretScalar key) {
    return key.publicPoint().compressed();
  }

  private StacksAddress validator(int i) {
    return StacksAddress.ofPublicKey(publicKey(keys.get(i)), false);
  }

  private long createLoan() throws Exception {
    ClarityValue token =
        new ClarityValue.ContractPrincipal(
            StacksAddress.parse(devnode.deployer).toPrincipal(), "test-usd");
    JsonNode r =
        devnode.unsignedCall(
            borrower.toString(),
            "loan-protocol-v2",
            "create-loan-auction-v2",
            List.of(
                hex(token),
                hex(ClarityValue.UInt.of(1_000_000)),
                hex(ClarityValue.UInt.of(1_100_000)),
                hex(ClarityValue.UInt.of(50_000_000)),
                hex(ClarityValue.UInt.of(100)),
                hex(ClarityValue.UInt.of(10)),
                hex(ClarityValue.Buffer.ofHex("0014" + "11".repeat(20)))));
    String repr = r.get("repr").asText();
    assertThat(repr).startsWith("(ok u");
    return Long.parseLong(repr.substring(5, repr.length() - 1));
  }

  private ContractCallTransaction addressVote(
      int v, long nonce, long fee, long loanId, String script) {
    return ContractCallTransaction.validatorCall(
        StacksNetwork.TESTNET,
        publicKey(keys.get(v)),
        nonce,
        fee,
        ContractCall.of(
            contractId,
            "submit-bitcoin-address",
            List.of(ClarityValue.UInt.of(loanId), ClarityValue.Buffer.ofHex(script))));
  }

  private long nonce(int v) {
    return node.account(validator(v)).nonce();
  }

  private ClarityValue.Tuple loan(long id) {
    ClarityValue v =
        node.callReadOnly(contractId, "get-loan", borrower, List.of(ClarityValue.UInt.of(id)));
    assertThat(v).isInstanceOf(ClarityValue.Some.class);
    return (ClarityValue.Tuple) ((ClarityValue.Some) v).value();
  }

  @Test
  void infoAccountsAndFeeEstimates() {
    var info = node.info();
    assertThat(info.networkId()).isEqualTo(0x80000000L);
    assertThat(info.stacksTipHeight()).isPositive();
    var deployer = node.account(StacksAddress.parse(devnode.deployer));
    assertThat(deployer.balance()).isGreaterThan(BigInteger.ZERO);
    var fees = node.estimateFee(addressVote(0, 0, 0, 1, TAPROOT).payload(), 250);
    assertThat(fees.fees()).hasSize(3).isSorted();
    assertThat(fees.middle()).isGreaterThanOrEqualTo(250);
  }

  @Test
  void validatorsAgreeOnALoanAddressWithTransactionsSignedInJava() throws Exception {
    long loanId = createLoan();
    for (int v = 0; v < 2; v++) {
      long nonce = nonce(v);
      ContractCallTransaction tx = addressVote(v, nonce, 0, loanId, TAPROOT);
      long fee = node.estimateFee(tx.payload(), tx.sign(keys.get(v)).bytes().length).middle();
      SignedTransaction signed = addressVote(v, nonce, fee, loanId, TAPROOT).sign(keys.get(v));
      assertThat(node.broadcast(signed)).isEqualTo(new BroadcastResult.Accepted(signed.txidHex()));
      assertThat(nonce(v)).isEqualTo(nonce + 1);
    }
    ClarityValue.Tuple loan = loan(loanId);
    assertThat(loan.get("status")).isEqualTo(new ClarityValue.StringAscii("awaiting-deposit"));
    assertThat(loan.get("deposit-script"))
        .isEqualTo(new ClarityValue.Some(ClarityValue.Buffer.ofHex(TAPROOT)));
    ClarityValue key =
        ClarityValue.Tuple.of(
            Map.of(
                "loan-id", ClarityValue.UInt.of(loanId),
                "validator", validator(1).toPrincipal()));
    assertThat(node.mapEntry(contractId, "address-votes", key))
        .contains(ClarityValue.Buffer.ofHex(TAPROOT));
    ClarityValue absent =
        ClarityValue.Tuple.of(
            Map.of(
                "loan-id", ClarityValue.UInt.of(loanId),
                "validator", validator(2).toPrincipal()));
    assertThat(node.mapEntry(contractId, "address-votes", absent)).isEmpty();
  }

  @Test
  void theDevnodeRejectsWrongNoncesLowFeesBadSignaturesAndUnknownFunctions() throws Exception {
    long loanId = createLoan();
    int v = 2;
    long nonce = nonce(v);
    String script = "5120" + "77".repeat(32);

    var badNonce =
        node.broadcast(addressVote(v, nonce + 1, 1000, loanId, script).sign(keys.get(v)));
    assertThat(badNonce).isInstanceOf(BroadcastResult.Rejected.class);
    assertThat(((BroadcastResult.Rejected) badNonce).reason()).isEqualTo("BadNonce");
    assertThat(((BroadcastResult.Rejected) badNonce).reasonData())
        .contains("\"expected\":" + nonce);

    var lowFee = node.broadcast(addressVote(v, nonce, 10, loanId, script).sign(keys.get(v)));
    assertThat(((BroadcastResult.Rejected) lowFee).reason()).isEqualTo("FeeTooLow");

    byte[] tampered = addressVote(v, nonce, 1000, loanId, script).sign(keys.get(v)).bytes();
    tampered[SIGNATURE_OFFSET + 5] ^= 1; // a bit of r: the recovered key is another one
    var badSig = node.broadcast(new SignedTransaction(tampered, Hash32.of(new byte[32])));
    assertThat(((BroadcastResult.Rejected) badSig).reason()).isEqualTo("SignatureValidation");

    var highS =
        node.broadcast(withHighS(addressVote(v, nonce, 1000, loanId, script).sign(keys.get(v))));
    assertThat(((BroadcastResult.Rejected) highS).reason()).isEqualTo("SignatureValidation");
    assertThat(((BroadcastResult.Rejected) highS).reasonData()).contains("low-S");

    var unknown =
        node.broadcast(
            ContractCallTransaction.validatorCall(
                    StacksNetwork.TESTNET,
                    publicKey(keys.get(v)),
                    nonce,
                    1000,
                    ContractCall.of(contractId, "get-loan", List.of(ClarityValue.UInt.of(loanId))))
                .sign(keys.get(v)));
    assertThat(((BroadcastResult.Rejected) unknown).reason()).isEqualTo("NoSuchPublicFunction");

    var mainnet =
        node.broadcast(
            new ContractCallTransaction(
                    StacksNetwork.MAINNET,
                    publicKey(keys.get(v)),
                    nonce,
                    1000,
                    dev.frostgate.stacks.tx.AnchorMode.ANY,
                    dev.frostgate.stacks.tx.PostConditionMode.DENY,
                    addressVote(v, nonce, 1000, loanId, script).payload())
                .sign(keys.get(v)));
    assertThat(((BroadcastResult.Rejected) mainnet).reason()).isEqualTo("BadTransactionVersion");

    // none of these consumed the nonce; the right transaction still goes through
    assertThat(nonce(v)).isEqualTo(nonce);
    SignedTransaction good = addressVote(v, nonce, 1000, loanId, script).sign(keys.get(v));
    assertThat(node.broadcast(good)).isEqualTo(new BroadcastResult.Accepted(good.txidHex()));
  }

  /**
   * Where the 65-byte signature starts: version, chain id, auth type, hash mode, signer, nonce,
   * fee, key encoding.
   */
  private static final int SIGNATURE_OFFSET = 1 + 4 + 1 + 1 + 20 + 8 + 8 + 1;

  /**
   * The same signature with s replaced by n − s (and the recovery id flipped): valid but high-S.
   */
  private static SignedTransaction withHighS(SignedTransaction tx) {
    byte[] b = tx.bytes();
    BigInteger s =
        new BigInteger(
            1, java.util.Arrays.copyOfRange(b, SIGNATURE_OFFSET + 33, SIGNATURE_OFFSET + 65));
    byte[] high = Secp256k1.N.subtract(s).toByteArray();
    byte[] padded = new byte[32];
    System.arraycopy(
        high,
        Math.max(0, high.length - 32),
        padded,
        32 - Math.min(32, high.length),
        Math.min(32, high.length));
    System.arraycopy(padded, 0, b, SIGNATURE_OFFSET + 33, 32);
    b[SIGNATURE_OFFSET] ^= 1;
    return new SignedTransaction(b, Hash32.of(new byte[32]));
  }

  @Test
  void readOnlyFailuresAndUnreachableNodesAreTypedErrors() {
    assertThatThrownBy(() -> node.callReadOnly(contractId, "no-such-function", borrower, List.of()))
        .isInstanceOf(StacksNodeException.class)
        .extracting(e -> ((StacksNodeException) e).kind())
        .isEqualTo(StacksNodeException.Kind.CALL_FAILED);
    HttpStacksNode nowhere =
        new HttpStacksNode(URI.create("http://127.0.0.1:1"), Duration.ofSeconds(2));
    assertThatThrownBy(nowhere::info)
        .isInstanceOf(StacksNodeException.class)
        .extracting(e -> ((StacksNodeException) e).kind())
        .isEqualTo(StacksNodeException.Kind.UNREACHABLE);
  }

  @Test
  void eventsArriveThroughTheWebhookAndThroughPollingOnceEach() throws Exception {
    try (StacksEventObserver webhook =
        StacksEventObserver.start(new InetSocketAddress("127.0.0.1", 0), contractId)) {
      devnode.post("/devnode/observers", "{\"endpoint\":\"" + webhook.endpoint() + "\"}");
      ContractEventPoller poller =
          new ContractEventPoller(devnode.url, contractId, TIMEOUT, 10_000);
      long loanId;
      try (ObserverEventSource source =
          new ObserverEventSource(webhook, poller, EventCursor.START, Duration.ofMinutes(10))) {
        // the first poll catches up through the event API: the validators' registration and more
        List<ContractEvent> history = source.poll(Duration.ZERO);
        assertThat(decode(history))
            .anySatisfy(e -> assertThat(e.name()).isEqualTo("validator-registered"));
        loanId = createLoan();
        for (int v = 0; v < 2; v++) {
          SignedTransaction tx =
              addressVote(v, nonce(v), 1000, loanId, "5120" + "3c".repeat(32)).sign(keys.get(v));
          assertThat(node.broadcast(tx)).isInstanceOf(BroadcastResult.Accepted.class);
        }
        // then the webhook: bitcoin-address-needed, two votes, deposit-ready, in order
        List<LoanProtocolEvent> live = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (live.size() < 4 && System.nanoTime() < deadline) {
          live.addAll(decode(source.poll(Duration.ofSeconds(1))));
        }
        assertThat(live)
            .extracting(LoanProtocolEvent::name)
            .containsExactly(
                "bitcoin-address-needed", "address-vote", "address-vote", "deposit-ready");
        assertThat(live.get(0))
            .isEqualTo(
                new LoanProtocolEvent.BitcoinAddressNeeded(
                    loanId, borrower.toString(), 50_000_000));
        assertThat(live.get(3))
            .isEqualTo(
                new LoanProtocolEvent.DepositReady(loanId, "5120" + "3c".repeat(32), 50_000_000));
        // polling alone, from a stored cursor, yields the same events after it, once each
        List<ContractEvent> all = poller.eventsAfter(EventCursor.START);
        int at = -1;
        for (int i = 0; i < all.size(); i++) {
          if (LoanProtocolEvents.decode(all.get(i).value())
                  instanceof LoanProtocolEvent.BitcoinAddressNeeded n
              && n.loanId() == loanId) {
            at = i;
          }
        }
        assertThat(at).isNotNegative();
        EventCursor afterNeeded = all.get(at).position();
        assertThat(decode(poller.eventsAfter(afterNeeded)))
            .extracting(LoanProtocolEvent::name)
            .startsWith("address-vote", "address-vote", "deposit-ready");
        // and the combined source, polling again, delivers nothing twice
        assertThat(source.poll(Duration.ZERO)).isEmpty();
      }
    }
  }

  @Test
  void aSourceThatPollsAndListensDeliversEachEventOnce() throws Exception {
    try (StacksEventObserver webhook =
        StacksEventObserver.start(new InetSocketAddress("127.0.0.1", 0), contractId)) {
      devnode.post("/devnode/observers", "{\"endpoint\":\"" + webhook.endpoint() + "\"}");
      ContractEventPoller poller =
          new ContractEventPoller(devnode.url, contractId, TIMEOUT, 10_000);
      // polling on every call as well: each new event reaches the source by both paths
      try (ObserverEventSource source =
          new ObserverEventSource(webhook, poller, EventCursor.START, Duration.ZERO)) {
        List<EventCursor> seen = new ArrayList<>();
        source.poll(Duration.ZERO).forEach(e -> seen.add(e.position()));
        long loanId = createLoan();
        SignedTransaction tx =
            addressVote(0, nonce(0), 1000, loanId, "5120" + "4d".repeat(32)).sign(keys.get(0));
        assertThat(node.broadcast(tx)).isInstanceOf(BroadcastResult.Accepted.class);
        List<EventCursor> expected =
            poller.eventsAfter(EventCursor.START).stream().map(ContractEvent::position).toList();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (seen.size() < expected.size() && System.nanoTime() < deadline) {
          source.poll(Duration.ofMillis(200)).forEach(e -> seen.add(e.position()));
        }
        // let the webhook's copies of the last block arrive, then poll once more
        Thread.sleep(500);
        source.poll(Duration.ofMillis(200)).forEach(e -> seen.add(e.position()));
        assertThat(seen).containsExactlyElementsOf(expected);
        assertThat(source.cursor()).isEqualTo(expected.get(expected.size() - 1));
      }
    }
  }

  private static List<LoanProtocolEvent> decode(List<ContractEvent> events) throws Exception {
    List<LoanProtocolEvent> out = new ArrayList<>();
    for (ContractEvent e : events) {
      out.add(LoanProtocolEvents.decode(e.value()));
    }
    return out;
  }
}
