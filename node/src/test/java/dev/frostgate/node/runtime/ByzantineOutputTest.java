package dev.frostgate.node.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.frostgate.crypto.ec.Point;
import dev.frostgate.crypto.ec.Scalar;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.frost.SignatureShare;
import dev.frostgate.crypto.frost.SigningCommitments;
import dev.frostgate.crypto.hash.Hash32;
import dev.frostgate.engine.Message;
import dev.frostgate.engine.Outgoing;
import dev.frostgate.engine.request.RequestId;
import fr.acinq.bitcoin.ByteVector;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** What each Byzantine mode does to the honest engine's messages, in process. */
class ByzantineOutputTest {
  private static final Identifier ME = Identifier.of(4);
  private static final Identifier LEADER = Identifier.of(1);
  private static final List<Identifier> ALL =
      IntStream.rangeClosed(1, 4).mapToObj(Identifier::of).toList();
  private static final RequestId REQUEST = new RequestId("r-1");

  private static final Message.Proposal PROPOSAL =
      new Message.Proposal(
          REQUEST, 0, new ByteVector(new byte[] {1, 2, 3}), List.of(Hash32.of(new byte[32])));
  private static final SigningCommitments COMMITMENT =
      new SigningCommitments(
          ME, Point.mulGenerator(Scalar.of(2)), Point.mulGenerator(Scalar.of(3)));
  private static final Message.Commit COMMIT = new Message.Commit(REQUEST, 0, List.of(COMMITMENT));
  private static final Message.Share SHARE =
      new Message.Share(
          REQUEST, 0, 7, List.of(new SignatureShare(ME, Scalar.of(5))), List.of(COMMITMENT));

  private static List<Outgoing<Message>> rewrite(
      ByzantineMode mode, List<Outgoing<Message>> honest) {
    return new ByzantineOutput(mode, ME, ALL).rewrite(honest);
  }

  /** What the mode sends for a signer's commitment and share to the leader. */
  private static List<Outgoing<Message>> commitAndShare(ByzantineMode mode) {
    return rewrite(mode, List.of(new Outgoing<>(LEADER, COMMIT), new Outgoing<>(LEADER, SHARE)));
  }

  @Test
  void invalidSharesAltersEveryShareAndNothingElse() {
    List<Outgoing<Message>> out = commitAndShare(ByzantineMode.INVALID_SHARES);
    assertThat(out.get(0).message()).isEqualTo(COMMIT);
    Message.Share sent = (Message.Share) out.get(1).message();
    assertThat(sent.shares().get(0).share()).isEqualTo(Scalar.of(6));
    assertThat(sent.next()).isEqualTo(SHARE.next());
    assertThat(sent.session()).isEqualTo(SHARE.session());
  }

  @Test
  void withholdSendsCommitmentsButNoShare() {
    assertThat(commitAndShare(ByzantineMode.WITHHOLD))
        .extracting(Outgoing::message)
        .containsExactly(COMMIT);
  }

  @Test
  void equivocateSendsASecondDifferentProposalForTheSameAttempt() {
    List<Outgoing<Message>> out =
        rewrite(ByzantineMode.EQUIVOCATE, List.of(new Outgoing<>(Identifier.of(2), PROPOSAL)));
    assertThat(out).hasSize(2);
    assertThat(out.get(0).message()).isEqualTo(PROPOSAL);
    Message.Proposal second = (Message.Proposal) out.get(1).message();
    assertThat(out.get(1).to()).isEqualTo(Identifier.of(2));
    assertThat(second).isNotEqualTo(PROPOSAL);
    assertThat(second.request()).isEqualTo(REQUEST);
    assertThat(second.attempt()).isZero();
  }

  @Test
  void wrongLeaderProposesTheAttemptItCommitsToUnderItsOwnName() {
    ByzantineOutput b = new ByzantineOutput(ByzantineMode.WRONG_LEADER, ME, ALL);
    b.observe(LEADER, PROPOSAL);
    List<Outgoing<Message>> out = b.rewrite(List.of(new Outgoing<>(LEADER, COMMIT)));
    assertThat(out)
        .extracting(Outgoing::to)
        .containsExactly(Identifier.of(1), Identifier.of(2), Identifier.of(3), LEADER);
    assertThat(out.subList(0, 3)).extracting(Outgoing::message).containsOnly(PROPOSAL);
    assertThat(out.get(3).message()).isEqualTo(COMMIT);
    // Once per proposal: a retransmitted commitment adds nothing.
    assertThat(b.rewrite(List.of(new Outgoing<>(LEADER, COMMIT)))).hasSize(1);
  }

  @Test
  void modesParseFromTheirCommandLineNamesAndAnUnknownNameListsThem() {
    for (ByzantineMode m : ByzantineMode.values()) {
      assertThat(ByzantineMode.parse(m.cliName())).isEqualTo(m);
    }
    assertThat(ByzantineMode.INVALID_SHARES.cliName()).isEqualTo("invalid-shares");
    assertThatThrownBy(() -> ByzantineMode.parse("lie"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'lie'")
        .hasMessageContaining("invalid-shares, equivocate, withhold, wrong-leader");
  }
}
