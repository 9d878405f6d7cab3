package dev.frostgate.node.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frostgate.bitcoin.spend.SpendBuilder;
import dev.frostgate.bitcoin.spend.SpendInput;
import dev.frostgate.bitcoin.spend.SpendOutput;
import dev.frostgate.bitcoin.spend.SpendRecipe;
import dev.frostgate.bitcoin.spend.UnsignedSpend;
import dev.frostgate.engine.Message;
import dev.frostgate.engine.Policy;
import dev.frostgate.engine.PolicyConfig;
import dev.frostgate.engine.PolicyVerdict;
import dev.frostgate.engine.PolicyVerdict.Reason;
import dev.frostgate.engine.SpendRequest;
import dev.frostgate.engine.request.RequestId;
import dev.frostgate.engine.spendlock.SpendLock;
import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.Satoshi;
import fr.acinq.bitcoin.TxId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PolicyTest {
  final EngineFixture f = new EngineFixture(5, 3);
  final SpendInput a = f.coin("a", 50_000, 1, 6);
  final SpendInput b = f.coin("b", 60_000, 2, 6);
  final SpendRequest req = f.request("r1", List.of(a, b), 70_000, 1);
  Optional<SpendLock> lock = Optional.empty();
  long now = 10;

  @AfterEach
  void closeFixture() {
    f.close();
  }

  Policy.Facts facts() {
    return new Policy.Facts(
        f.chain,
        o -> lock,
        now,
        f.group.group().xpub(),
        PolicyConfig.defaults().withFeeCap(new Satoshi(50_000)));
  }

  Message.Proposal proposalOf(SpendRecipe recipe) {
    UnsignedSpend u = SpendBuilder.build(recipe, f.group.group().xpub());
    return Message.Proposal.of(req.id(), 0, u.bytes(), u.sigHashes());
  }

  PolicyVerdict eval(Message.Proposal p) {
    return Policy.evaluate(f.requests.find(p.request()), p, facts());
  }

  Reason reason(PolicyVerdict v) {
    assertThat(v.approved()).isFalse();
    return ((PolicyVerdict.Reject) v).reason();
  }

  @Test
  void approvesTheRebuiltTransaction() {
    PolicyVerdict v = eval(proposalOf(req.recipe()));
    assertThat(v.approved()).isTrue();
    assertThat(((PolicyVerdict.Approve) v).spend().inputs()).hasSize(2);
  }

  @Test
  void unknownRequest() {
    Message.Proposal p = proposalOf(req.recipe());
    Message.Proposal other = new Message.Proposal(new RequestId("nope"), 0, p.tx(), p.messages());
    assertThat(reason(eval(other))).isEqualTo(Reason.UNKNOWN_REQUEST);
  }

  @Test
  void changedRecipient() {
    SpendRecipe r = req.recipe();
    SpendRecipe changed =
        new SpendRecipe(
            r.inputs(),
            List.of(SpendOutput.toAddress(f.recipient(99), new Satoshi(70_000))),
            r.feeRate(),
            r.change(),
            r.feeCap());
    assertThat(reason(eval(proposalOf(changed)))).isEqualTo(Reason.RECIPIENT_MISMATCH);
  }

  @Test
  void changedAmount() {
    SpendRecipe r = req.recipe();
    SpendRecipe changed =
        new SpendRecipe(
            r.inputs(),
            List.of(SpendOutput.toAddress(f.recipient(1), new Satoshi(69_000))),
            r.feeRate(),
            r.change(),
            r.feeCap());
    assertThat(reason(eval(proposalOf(changed)))).isEqualTo(Reason.AMOUNT_MISMATCH);
  }

  @Test
  void feeAboveCap() {
    SpendRecipe r = req.recipe();
    SpendRecipe changed =
        new SpendRecipe(
            r.inputs(),
            r.outputs(),
            dev.frostgate.bitcoin.fee.FeeRate.satPerVb(200),
            r.change(),
            new Satoshi(1_000_000));
    assertThat(reason(eval(proposalOf(changed)))).isEqualTo(Reason.FEE_ABOVE_CAP);
  }

  @Test
  void otherCoinsAndUnknownCoins() {
    SpendInput c = f.coin("c", 70_000, 3, 6);
    SpendRecipe r = req.recipe();
    SpendRecipe other =
        new SpendRecipe(List.of(a, c), r.outputs(), r.feeRate(), r.change(), new Satoshi(20_000));
    assertThat(reason(eval(proposalOf(other)))).isEqualTo(Reason.INPUT_MISMATCH);
    SpendInput foreign =
        SpendInput.of(new TxId(EngineFixture.txid("zz")), 0, new Satoshi(70_000), a.branch(), 9);
    SpendRecipe notOurs =
        new SpendRecipe(
            List.of(a, foreign), r.outputs(), r.feeRate(), r.change(), new Satoshi(20_000));
    assertThat(reason(eval(proposalOf(notOurs)))).isEqualTo(Reason.INPUT_NOT_OURS);
  }

  @Test
  void unconfirmedInput() {
    SpendInput u = f.coin("u", 90_000, 4, 0);
    SpendRequest r2 = f.request("r2", List.of(u), 50_000, 2);
    UnsignedSpend s = SpendBuilder.build(r2.recipe(), f.group.group().xpub());
    PolicyVerdict v =
        Policy.evaluate(
            Optional.of(r2), Message.Proposal.of(r2.id(), 0, s.bytes(), s.sigHashes()), facts());
    assertThat(reason(v)).isEqualTo(Reason.INPUT_NOT_CONFIRMED);
  }

  private SpendLock lockBy(RequestId request) {
    return new SpendLock(
        a.outpoint(), new TxId("00".repeat(32)), request, new Satoshi(0), ByteVector.empty);
  }

  @Test
  void conflictingSpendAndExpiry() {
    lock = Optional.of(lockBy(new RequestId("other")));
    assertThat(reason(eval(proposalOf(req.recipe())))).isEqualTo(Reason.CONFLICTING_SPEND);
    lock = Optional.of(lockBy(req.id()));
    assertThat(eval(proposalOf(req.recipe())).approved()).isTrue(); // same request: allowed
    lock = Optional.empty();
    now = 2_000_000;
    assertThat(reason(eval(proposalOf(req.recipe())))).isEqualTo(Reason.REQUEST_EXPIRED);
  }

  @Test
  void wrongMessages() {
    Message.Proposal p = proposalOf(req.recipe());
    Message.Proposal swapped =
        new Message.Proposal(
            p.request(), 0, p.tx(), List.of(p.messages().get(1), p.messages().get(0)));
    assertThat(reason(eval(swapped))).isEqualTo(Reason.MESSAGE_MISMATCH);
  }
}
