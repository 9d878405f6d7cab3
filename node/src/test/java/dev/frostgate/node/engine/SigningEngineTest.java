package dev.frostgate.node.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frostgate.bitcoin.spend.SpendBuilder;
import dev.frostgate.bitcoin.spend.SpendSigner;
import dev.frostgate.bitcoin.spend.UnsignedSpend;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.frost.PublicKeyPackage;
import dev.frostgate.crypto.hash.Hash32;
import dev.frostgate.engine.EngineEvent;
import dev.frostgate.engine.EngineEvent.Misbehaviour;
import dev.frostgate.engine.Journal;
import dev.frostgate.engine.Message;
import dev.frostgate.engine.Outgoing;
import dev.frostgate.engine.Output;
import dev.frostgate.engine.PolicyVerdict;
import dev.frostgate.engine.SpendRequest;
import dev.frostgate.engine.signing.SigningEngine;
import dev.frostgate.engine.spendlock.SpendVerdict;
import dev.frostgate.testkit.node.ShareFixtures;
import fr.acinq.bitcoin.Satoshi;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The signing engine on the production journal ({@link EngineFixture}: one SQLite file each). */
class SigningEngineTest {
  private final List<EngineFixture> fixtures = new ArrayList<>();

  EngineFixture fixture(int n, int t) {
    EngineFixture f = new EngineFixture(n, t);
    fixtures.add(f);
    return f;
  }

  @AfterEach
  void closeFixtures() {
    fixtures.forEach(EngineFixture::close);
  }

  static List<PublicKeyPackage> inputKeys(EngineFixture f, SpendRequest r) {
    UnsignedSpend u = SpendBuilder.build(r.recipe(), f.group.group().xpub());
    return SpendSigner.inputPublicKeys(
        u.inputKeys(), f.group.group().rawPublic(), f.group.group().xpub());
  }

  @Test
  void multiInputRequestSignedInOneSession() {
    EngineFixture f = fixture(5, 3);
    SpendRequest r =
        f.request(
            "multi", List.of(f.coin("m1", 40_000, 1, 3), f.coin("m2", 50_000, 2, 3)), 60_000, 1);
    f.runUntil(200);
    assertThat(f.signedBySomeone(r.id())).isTrue();
    // Every share covered both inputs at once.
    assertThat(f.events(EngineEvent.ShareSent.class)).allMatch(s -> s.used().size() == 2);
  }

  /**
   * Two requests spending the same coin are both approved before either is signed (no lock is
   * durable yet: commitments carry no signing power). The spend locks are decided in the commit
   * that writes the first share: every signer signs the first request it is asked to and refuses
   * the other, and nothing of the refused one reaches the journal.
   */
  @Test
  void conflictingSpendsBothCommittedToAreDecidedAtTheFirstShare() {
    conflictingSpends(false);
  }

  /**
   * The same, with both sign requests handled in one step: the shares are journaled together (one
   * synced commit in SQLite) and the group commit still refuses the second, writing nothing of it.
   */
  @Test
  void conflictingSpendsInOneStepAreDecidedInsideTheGroupCommit() {
    conflictingSpends(true);
  }

  private void conflictingSpends(boolean oneStep) {
    EngineFixture f = fixture(5, 3);
    var coin = f.coin("cc1", 50_000, 1, 3);
    SpendRequest a = f.request("cc-a", List.of(coin), 30_000, 1);
    SpendRequest b = f.request("cc-b", List.of(coin), 20_000, 2);
    SigningEngine any = f.nodes.get(Identifier.of(1));
    Identifier leaderA = any.schedule().leader(a.id(), 0);
    Identifier leaderB = any.schedule().leader(b.id(), 0);
    UnsignedSpend ua = SpendBuilder.build(a.recipe(), f.group.group().xpub());
    UnsignedSpend ub = SpendBuilder.build(b.recipe(), f.group.group().xpub());
    var propA = Message.Proposal.of(a.id(), 0, ua.bytes(), ua.sigHashes());
    var propB = Message.Proposal.of(b.id(), 0, ub.bytes(), ub.sigHashes());
    java.util.Map<Identifier, List<dev.frostgate.crypto.frost.SigningCommitments>> forA =
        new java.util.TreeMap<>();
    java.util.Map<Identifier, List<dev.frostgate.crypto.frost.SigningCommitments>> forB =
        new java.util.TreeMap<>();
    // Signers that lead neither request (a leader answers itself in memory, not on the wire).
    List<Identifier> signers =
        f.group.group().validators().stream()
            .filter(id -> !id.equals(leaderA) && !id.equals(leaderB))
            .limit(3)
            .toList();
    for (Identifier id : signers) {
      SigningEngine v = f.nodes.get(id);
      forA.put(id, commitIn(v.onMessage(leaderA, propA)));
      forB.put(id, commitIn(v.onMessage(leaderB, propB)));
    }
    var signA =
        new Message.SignRequest(
            a.id(), 0, 1, dev.frostgate.crypto.frost.BatchSigning.packages(forA, ua.sigHashes()));
    var signB =
        new Message.SignRequest(
            b.id(), 0, 1, dev.frostgate.crypto.frost.BatchSigning.packages(forB, ub.sigHashes()));
    for (Identifier id : forA.keySet()) {
      SigningEngine v = f.nodes.get(id);
      List<Outgoing<Message>> toA;
      List<Outgoing<Message>> toB;
      if (oneStep) {
        List<Outgoing<Message>> both =
            v.onMessages(
                    List.of(
                        new SigningEngine.Inbound(leaderA, signA),
                        new SigningEngine.Inbound(leaderB, signB)))
                .messages();
        toA = both.stream().filter(o -> o.message().request().equals(a.id())).toList();
        toB = both.stream().filter(o -> o.message().request().equals(b.id())).toList();
      } else {
        toA = v.onMessage(leaderA, signA).messages();
        toB = v.onMessage(leaderB, signB).messages();
      }
      assertThat(toA).anyMatch(o -> o.message() instanceof Message.Share);
      assertThat(toB)
          .singleElement()
          .matches(
              o ->
                  o.message() instanceof Message.Refuse rf
                      && rf.reason() == PolicyVerdict.Reason.CONFLICTING_SPEND);
      Journal j = f.journals.get(id);
      assertThat(j.shareRows()).allMatch(row -> row.request().equals(a.id()));
      assertThat(j.commitmentUsed(forB.get(id).get(0))).isFalse();
      assertThat(j.lock(coin.outpoint()))
          .hasValueSatisfying(l -> assertThat(l.request()).isEqualTo(a.id()));
    }
  }

  private static List<dev.frostgate.crypto.frost.SigningCommitments> commitIn(Output out) {
    return out.messages().stream()
        .map(Outgoing::message)
        .filter(m -> m instanceof Message.Commit)
        .map(m -> ((Message.Commit) m).commitments())
        .findFirst()
        .orElseThrow(() -> new AssertionError("no commitment in " + out.messages()));
  }

  @Test
  void roastCompletesWithNMinusTSilentSigners() {
    EngineFixture f = fixture(5, 3);
    SpendRequest r = f.request("silent", List.of(f.coin("s1", 50_000, 1, 3)), 30_000, 1);
    Identifier leader = f.nodes.get(Identifier.of(1)).schedule().leader(r.id(), 0);
    int silenced = 0;
    for (Identifier id : f.group.group().validators()) {
      if (!id.equals(leader) && silenced < 2) {
        // Commits, then never sends a share.
        f.tamper.put(id, m -> m instanceof Message.Share ? null : m);
        silenced++;
      }
    }
    f.runUntil(300);
    assertThat(f.signedBySomeone(r.id())).isTrue();
  }

  @Test
  void invalidSharesExcludeTheirSenderWithEvidence() {
    EngineFixture f = fixture(5, 3);
    SpendRequest r = f.request("cheat", List.of(f.coin("c1", 50_000, 1, 3)), 30_000, 1);
    Identifier leader = f.nodes.get(Identifier.of(1)).schedule().leader(r.id(), 0);
    Identifier cheater = leader.equals(Identifier.of(2)) ? Identifier.of(3) : Identifier.of(2);
    f.sendInvalidShares(cheater);
    f.runUntil(300);
    assertThat(f.signedBySomeone(r.id())).isTrue();
    List<EngineEvent.Blamed> blamed = f.events(EngineEvent.Blamed.class);
    List<PublicKeyPackage> keys = inputKeys(f, r);
    assertThat(blamed).isNotEmpty().allMatch(b -> b.accused().equals(cheater));
    assertThat(blamed).allMatch(b -> b.evidence().verify(keys.get(b.evidence().input())));
  }

  @Test
  void fiveOfFifteenKilledMidSessionStillSigns() {
    EngineFixture f = fixture(15, 10);
    SpendRequest r = f.request("kill5", List.of(f.coin("k1", 50_000, 1, 3)), 30_000, 1);
    Identifier leader = f.nodes.get(Identifier.of(1)).schedule().leader(r.id(), 0);
    // Let the proposal and commitments flow until the first signing session is open and some of
    // its shares are on the wire.
    f.tickAll();
    f.deliverUntil(m -> m instanceof Message.Share);
    assertThat(f.events(EngineEvent.ShareSent.class)).isNotEmpty();
    assertThat(f.signedBySomeone(r.id())).isFalse();
    // Kill five validators (not the leader) that are in that session: their mail is lost.
    int killed = 0;
    for (EngineEvent.ShareSent s : f.events(EngineEvent.ShareSent.class)) {
      Identifier id = s.used().get(0).identifier();
      if (!id.equals(leader) && killed < 5 && !f.down.contains(id)) {
        f.crash(id);
        killed++;
      }
    }
    for (Identifier id : f.group.group().validators()) {
      if (!id.equals(leader) && killed < 5 && !f.down.contains(id)) {
        f.crash(id);
        killed++;
      }
    }
    assertThat(killed).isEqualTo(5);
    f.runUntil(2_000);
    assertThat(f.signedBySomeone(r.id())).isTrue();
  }

  @Test
  void leaderCrashIsCoveredByTheNextLeader() {
    EngineFixture f = fixture(5, 3);
    SpendRequest r = f.request("lc", List.of(f.coin("l1", 50_000, 1, 3)), 30_000, 1);
    Identifier leader = f.nodes.get(Identifier.of(1)).schedule().leader(r.id(), 0);
    f.crash(leader);
    f.runUntil(1_000);
    assertThat(f.signedBySomeone(r.id())).isTrue();
  }

  @Test
  void signerRejectsProposalsFromANonLeader() {
    EngineFixture f = fixture(5, 3);
    SpendRequest r = f.request("nl", List.of(f.coin("n1", 50_000, 1, 3)), 30_000, 1);
    SigningEngine v = f.nodes.get(Identifier.of(1));
    Identifier leader = v.schedule().leader(r.id(), 0);
    Identifier impostor = leader.equals(Identifier.of(2)) ? Identifier.of(3) : Identifier.of(2);
    SigningEngine target =
        f.nodes.get(leader.equals(Identifier.of(4)) ? Identifier.of(5) : Identifier.of(4));
    UnsignedSpend u = SpendBuilder.build(r.recipe(), f.group.group().xpub());
    Output out =
        target.onMessage(impostor, Message.Proposal.of(r.id(), 0, u.bytes(), u.sigHashes()));
    assertThat(out.messages()).isEmpty();
    assertThat(out.events())
        .singleElement()
        .matches(e -> e instanceof Misbehaviour m && m.kind() == Misbehaviour.Kind.NOT_LEADER);
  }

  @Test
  void signerRefusesAChangedRecipientAndNeverCommits() {
    EngineFixture f = fixture(5, 3);
    SpendRequest r = f.request("cr", List.of(f.coin("x1", 50_000, 1, 3)), 30_000, 1);
    Identifier leader = f.nodes.get(Identifier.of(1)).schedule().leader(r.id(), 0);
    SigningEngine target =
        f.nodes.get(leader.equals(Identifier.of(4)) ? Identifier.of(5) : Identifier.of(4));
    var recipe = r.recipe();
    var changed =
        new dev.frostgate.bitcoin.spend.SpendRecipe(
            recipe.inputs(),
            List.of(
                dev.frostgate.bitcoin.spend.SpendOutput.toAddress(
                    f.recipient(77), new Satoshi(30_000))),
            recipe.feeRate(),
            recipe.change(),
            recipe.feeCap());
    UnsignedSpend u = SpendBuilder.build(changed, f.group.group().xpub());
    Output out = target.onMessage(leader, Message.Proposal.of(r.id(), 0, u.bytes(), u.sigHashes()));
    assertThat(out.messages())
        .singleElement()
        .matches(
            o ->
                o.message() instanceof Message.Refuse rf
                    && rf.reason() == PolicyVerdict.Reason.RECIPIENT_MISMATCH);
    assertThat(f.journals.get(target.id()).lock(r.recipe().inputs().get(0).outpoint())).isEmpty();
  }

  @Test
  void aCommitmentFromBeforeARestartIsNeverHonoured() {
    EngineFixture f = fixture(5, 3);
    SpendRequest r = f.request("rs", List.of(f.coin("r1", 50_000, 1, 3)), 30_000, 1);
    Identifier leader = f.nodes.get(Identifier.of(1)).schedule().leader(r.id(), 0);
    Identifier signer = leader.equals(Identifier.of(4)) ? Identifier.of(5) : Identifier.of(4);
    UnsignedSpend u = SpendBuilder.build(r.recipe(), f.group.group().xpub());
    Message.Proposal p = Message.Proposal.of(r.id(), 0, u.bytes(), u.sigHashes());
    Message.Commit c =
        (Message.Commit) f.nodes.get(signer).onMessage(leader, p).messages().get(0).message();
    // Two other signers' commitments, to build a package with the signer's old commitment.
    java.util.Map<Identifier, List<dev.frostgate.crypto.frost.SigningCommitments>> all =
        new java.util.TreeMap<>();
    all.put(signer, c.commitments());
    for (Identifier id : f.group.group().validators()) {
      if (all.size() < 3 && !id.equals(signer)) {
        Output o = f.nodes.get(id).onMessage(leader, p);
        all.put(
            id,
            ((Message.Commit)
                    o.messages().stream()
                        .filter(x -> x.message() instanceof Message.Commit)
                        .findFirst()
                        .orElseThrow()
                        .message())
                .commitments());
      }
    }
    var packages = dev.frostgate.crypto.frost.BatchSigning.packages(all, p.messageBytes());
    Message.SignRequest sr = new Message.SignRequest(r.id(), 0, 7, packages);
    f.crash(signer);
    f.restart(signer);
    Output after = f.nodes.get(signer).onMessage(leader, sr);
    assertThat(after.messages()).isEmpty();
    assertThat(f.journals.get(signer).shareRows()).isEmpty();
    // Without the crash the same request is answered, and the journal row precedes the share.
    EngineFixture g = fixture(5, 3);
    assertThat(g).isNotNull();
  }

  @Test
  void journalRowsSurviveARestartButAreVoidAndRefused() {
    EngineFixture f = fixture(5, 3);
    SpendRequest r = f.request("sv", List.of(f.coin("sv1", 50_000, 1, 3)), 30_000, 1);
    f.runUntil(200);
    assertThat(f.signedBySomeone(r.id())).isTrue();
    Identifier signer =
        f.events(EngineEvent.ShareSent.class).stream()
            .map(s -> f.eventSource.get(f.events.indexOf(s)))
            .findFirst()
            .orElseThrow();
    List<Journal.ShareRow> before = f.journals.get(signer).shareRows();
    assertThat(before).isNotEmpty();
    assertThat(before.get(0).request()).isEqualTo(r.id());
    UnsignedSpend u = SpendBuilder.build(r.recipe(), f.group.group().xpub());
    assertThat(before.get(0).txid()).isEqualTo(u.txid());

    f.crash(signer);
    f.restart(signer);
    Journal after = f.journals.get(signer);
    // Still durable and still known as used: never signed with again.
    assertThat(after.shareRows()).hasSameSizeAs(before);
    assertThat(after.commitmentUsed(before.get(0).commitments().get(0))).isTrue();
    assertThat(after.isSigned(r.id())).isTrue();
    // Recording it again (as if its nonces still existed) is refused: void after the restart.
    assertThat(after.recordShares(List.of(new Journal.PendingShare(before.get(0), u))))
        .singleElement()
        .satisfies(
            out ->
                assertThat(out)
                    .hasValueSatisfying(
                        x -> assertThat(x.kind()).isEqualTo(Journal.Refusal.Kind.COMMITMENT_VOID)));
    // The spend lock survived too.
    assertThat(after.lock(r.recipe().inputs().get(0).outpoint()))
        .hasValueSatisfying(l -> assertThat(l.request()).isEqualTo(r.id()));
  }

  @Test
  void aGroupCommitRecordsEveryAllowedShareAndNothingOfARefusedOne() {
    EngineFixture f = fixture(5, 3);
    var coin1 = f.coin("gc1", 50_000, 1, 3);
    var coin2 = f.coin("gc2", 60_000, 2, 3);
    SpendRequest a = f.request("gc-a", List.of(coin1), 30_000, 1);
    SpendRequest b = f.request("gc-b", List.of(coin1), 20_000, 2);
    SpendRequest c = f.request("gc-c", List.of(coin2), 25_000, 3);
    Identifier me = Identifier.of(2);
    java.util.function.Function<SpendRequest, Journal.PendingShare> share =
        r -> {
          UnsignedSpend u = SpendBuilder.build(r.recipe(), f.group.group().xpub());
          var commitments =
              dev.frostgate.crypto.frost.BatchSigning.commit(
                      f.group.rawKeys().get(me), 1, new java.security.SecureRandom())
                  .stream()
                  .map(dev.frostgate.crypto.frost.SigningNonces::commitments)
                  .toList();
          return new Journal.PendingShare(
              new Journal.ShareRow(
                  r.id(),
                  0,
                  1,
                  u.txid(),
                  u.sigHashes().stream().map(Hash32::of).toList(),
                  commitments,
                  Hash32.of(new byte[32])),
              u);
        };
    Journal j = f.journals.get(me);
    List<Journal.PendingShare> batch = List.of(share.apply(a), share.apply(b), share.apply(c));
    var outcome = j.recordShares(batch);
    // b spends a's coin for another request: refused inside the one transaction, a and c kept.
    assertThat(outcome.get(0)).isEmpty();
    assertThat(outcome.get(1))
        .hasValueSatisfying(
            m -> assertThat(m.kind()).isEqualTo(Journal.Refusal.Kind.CONFLICTING_SPEND));
    assertThat(outcome.get(2)).isEmpty();
    f.crash(me);
    f.restart(me);
    Journal after = f.journals.get(me);
    assertThat(after.shareRows())
        .extracting(Journal.ShareRow::request)
        .containsExactlyInAnyOrder(a.id(), c.id());
    assertThat(after.commitmentUsed(batch.get(1).row().commitments().get(0))).isFalse();
    assertThat(after.lock(coin1.outpoint()))
        .hasValueSatisfying(l -> assertThat(l.request()).isEqualTo(a.id()));
    assertThat(after.lock(coin2.outpoint()))
        .hasValueSatisfying(l -> assertThat(l.request()).isEqualTo(c.id()));
  }

  @Test
  void aConflictingSpendOfAnotherRequestIsRefusedByTheSqliteLocks() {
    EngineFixture f = fixture(5, 3);
    var coin = f.coin("cf1", 50_000, 1, 3);
    SpendRequest a = f.request("cf-a", List.of(coin), 30_000, 1);
    f.runUntil(200);
    assertThat(f.signedBySomeone(a.id())).isTrue();
    SpendRequest b = f.request("cf-b", List.of(coin), 20_000, 2);
    Journal j = f.journals.get(Identifier.of(1));
    UnsignedSpend ub = SpendBuilder.build(b.recipe(), f.group.group().xpub());
    assertThat(j.checkSpend(ub, b.id()))
        .isInstanceOfSatisfying(
            SpendVerdict.Reject.class,
            r -> assertThat(r.reason()).isEqualTo(SpendVerdict.Reason.CONFLICTING_SPEND));
  }

  /**
   * The signer asks the durable spend locks before it commits: a spend the policy approves but the
   * spend-lock rule refuses (here: the request was already signed spending another coin, so this
   * transaction is not a replacement and both could confirm) gets the policy's CONFLICTING_SPEND
   * refusal and no commitment.
   */
  @Test
  void aSpendTheSpendLockRuleRefusesGetsARefusalAndNoCommitment() {
    EngineFixture f = fixture(3, 2);
    var earlierCoin = f.coin("nr-x", 50_000, 1, 3);
    var coin = f.coin("nr-y", 50_000, 2, 3);
    SpendRequest r = f.request("nr", List.of(coin), 30_000, 1);
    Identifier leader = f.nodes.firstEntry().getValue().schedule().leader(r.id(), 0);
    Identifier signer =
        f.nodes.keySet().stream().filter(id -> !id.equals(leader)).findFirst().orElseThrow();
    UnsignedSpend earlier = ShareFixtures.spend(List.of(earlierCoin), 1, 30_000, 2);
    assertThat(
            ShareFixtures.kind(
                f.journals
                    .get(signer)
                    .recordShares(List.of(ShareFixtures.freshShare("nr", 1, earlier)))))
        .isEmpty();

    UnsignedSpend u = SpendBuilder.build(r.recipe(), f.group.group().xpub());
    Output out =
        f.nodes
            .get(signer)
            .onMessage(leader, Message.Proposal.of(r.id(), 0, u.bytes(), u.sigHashes()));

    assertThat(out.messages())
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.to()).isEqualTo(leader);
              assertThat(o.message())
                  .isEqualTo(new Message.Refuse(r.id(), 0, PolicyVerdict.Reason.CONFLICTING_SPEND));
            });
    assertThat(out.events()).noneMatch(e -> e instanceof EngineEvent.CommitmentIssued);
    assertThat(out.events())
        .filteredOn(e -> e instanceof EngineEvent.Refused)
        .singleElement()
        .satisfies(
            e ->
                assertThat(((EngineEvent.Refused) e).verdict().detail())
                    .startsWith("NOT_A_REPLACEMENT: "));
  }
}
