package dev.frostgate.node.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frostgate.bitcoin.spend.SpendBuilder;
import dev.frostgate.bitcoin.spend.UnsignedSpend;
import dev.frostgate.crypto.frost.BatchSigning;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.frost.SigningCommitments;
import dev.frostgate.crypto.frost.SigningPackage;
import dev.frostgate.engine.EngineEvent;
import dev.frostgate.engine.Message;
import dev.frostgate.engine.Outgoing;
import dev.frostgate.engine.Output;
import dev.frostgate.engine.PolicyVerdict;
import dev.frostgate.engine.SpendRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A signer answers one signing package per commitment, once, whatever a Byzantine leader sends: a
 * second package naming the commitment (another co-signer set, other commitments, another session),
 * a substituted message, or a sign request replayed after a restart gets no share.
 */
class PackageBindingTest {
  private EngineFixture f;
  private SpendRequest r;
  private Identifier leader;
  private Identifier signer;
  private Message.Proposal proposal;
  private final Map<Identifier, List<SigningCommitments>> commitments = new TreeMap<>();

  @BeforeEach
  void setUp() {
    f = new EngineFixture(5, 3);
    r = f.request("pb", List.of(f.coin("pb1", 50_000, 1, 3)), 30_000, 1);
    leader = f.nodes.get(Identifier.of(1)).schedule().leader(r.id(), 0);
    UnsignedSpend u = SpendBuilder.build(r.recipe(), f.group.group().xpub());
    proposal = Message.Proposal.of(r.id(), 0, u.bytes(), u.sigHashes());
    // Every validator but the leader approves and commits (the leader's own would stay in memory).
    for (Identifier id : f.group.group().validators()) {
      if (!id.equals(leader)) {
        commitments.put(id, commitIn(f.nodes.get(id).onMessage(leader, proposal)));
      }
    }
    signer = commitments.keySet().iterator().next();
  }

  @AfterEach
  void tearDown() {
    f.close();
  }

  private static List<SigningCommitments> commitIn(Output out) {
    return out.messages().stream()
        .map(Outgoing::message)
        .filter(m -> m instanceof Message.Commit)
        .map(m -> ((Message.Commit) m).commitments())
        .findFirst()
        .orElseThrow();
  }

  /** The signer with the first two other committers, or with the last two. */
  private Message.SignRequest request(long session, boolean firstCoSigners) {
    List<Identifier> others = new ArrayList<>(commitments.keySet());
    others.remove(signer);
    List<Identifier> co = firstCoSigners ? others.subList(0, 2) : others.subList(1, 3);
    Map<Identifier, List<SigningCommitments>> chosen = new TreeMap<>();
    chosen.put(signer, commitments.get(signer));
    co.forEach(id -> chosen.put(id, commitments.get(id)));
    return new Message.SignRequest(
        r.id(), 0, session, BatchSigning.packages(chosen, proposal.messageBytes()));
  }

  private Output send(Message m) {
    Output out = f.nodes.get(signer).onMessage(leader, m);
    f.events.addAll(out.events());
    return out;
  }

  private static List<Message> messages(Output out) {
    return out.messages().stream().map(Outgoing::message).toList();
  }

  private static boolean refusedAsMismatch(Output out) {
    return messages(out).stream()
            .anyMatch(
                m ->
                    m instanceof Message.Refuse rf
                        && rf.reason() == PolicyVerdict.Reason.SIGNING_PACKAGE_MISMATCH)
        && messages(out).stream().noneMatch(m -> m instanceof Message.Share);
  }

  @Test
  void anotherCoSignerSetUnderTheSameSessionIsRefused() {
    Output first = send(request(7, true));
    assertThat(messages(first)).anyMatch(m -> m instanceof Message.Share);
    Output second = send(request(7, false));
    assertThat(refusedAsMismatch(second)).as("%s", messages(second)).isTrue();
    assertThat(second.events())
        .anyMatch(
            e ->
                e instanceof EngineEvent.Misbehaviour mb
                    && mb.kind() == EngineEvent.Misbehaviour.Kind.EQUIVOCATION);
    assertThat(f.events(EngineEvent.ShareSent.class)).hasSize(1);
    assertThat(f.journals.get(signer).shareRows()).hasSize(1);
  }

  @Test
  void aSecondPackageInAnotherSessionIsRefused() {
    send(request(7, true));
    assertThat(refusedAsMismatch(send(request(8, false)))).isTrue();
    // Even the same co-signers in another session: the session is part of what was answered.
    assertThat(refusedAsMismatch(send(request(9, true)))).isTrue();
    assertThat(f.events(EngineEvent.ShareSent.class)).hasSize(1);
  }

  @Test
  void theIdenticalRequestGetsTheSameShareBytesAndIsNotSignedAgain() {
    Message.SignRequest sr = request(7, true);
    Message.Share first =
        (Message.Share)
            messages(send(sr)).stream()
                .filter(m -> m instanceof Message.Share)
                .findFirst()
                .orElseThrow();
    List<Message> again = messages(send(sr));
    assertThat(again).containsExactly(first);
    assertThat(f.events(EngineEvent.ShareSent.class)).hasSize(1);
  }

  @Test
  void aSubstitutedMessageIsRefusedAndBurnsTheCommitment() {
    Message.SignRequest honest = request(7, true);
    List<SigningPackage> substituted =
        honest.packages().stream()
            .map(p -> SigningPackage.of(p.commitments().values(), new byte[32]))
            .toList();
    Output out = send(new Message.SignRequest(r.id(), 0, 7, substituted));
    assertThat(refusedAsMismatch(out)).isTrue();
    // The honest package after it gets nothing: those nonces were discarded.
    assertThat(messages(send(honest))).noneMatch(m -> m instanceof Message.Share);
    assertThat(f.events(EngineEvent.ShareSent.class)).isEmpty();
    assertThat(f.journals.get(signer).shareRows()).isEmpty();
  }

  @Test
  void aSignRequestReplayedAfterARestartGetsNothing() {
    Message.SignRequest sr = request(7, true);
    assertThat(messages(send(sr))).anyMatch(m -> m instanceof Message.Share);
    f.crash(signer);
    f.restart(signer);
    assertThat(messages(send(sr))).isEmpty();
    // Also once it has approved the same attempt again in its new incarnation.
    send(proposal);
    assertThat(messages(send(sr))).noneMatch(m -> m instanceof Message.Share);
    assertThat(f.events(EngineEvent.ShareSent.class)).hasSize(1);
  }
}
