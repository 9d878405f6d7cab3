package dev.frostgate.engine.dkg;

import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.engine.dkg.DkgMessage.TimeoutVote;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Authentic timeout votes by session and accused, and which of them form a quorum (rule R2: n_s − t
 * + 1 votes of a session of n_s participants exclude the accused, so one vote is honest when at
 * most n − t are faulty). Checks no signature: the caller admits authentic votes only. No I/O.
 */
final class VoteTally {
  /** A quorum of votes against {@code accused} in {@code session}: the proof of its exclusion. */
  record Quorum(DkgSessionId session, Identifier accused, List<DkgMessage> votes) {
    Quorum {
      votes = List.copyOf(votes);
    }
  }

  // Insertion order of sessions, then accused and voters sorted: the order quorums are found in.
  private final Map<DkgSessionId, Map<Identifier, Map<Identifier, TimeoutVote>>> votes =
      new LinkedHashMap<>();

  /** Counts {@code v}; a second vote of the same voter against the same accused counts once. */
  void add(TimeoutVote v) {
    votes
        .computeIfAbsent(v.session(), k -> new LinkedHashMap<>())
        .computeIfAbsent(v.accused(), k -> new TreeMap<>())
        .putIfAbsent(v.voter(), v);
  }

  /**
   * R2, R4: the quorums in {@code current} or an earlier (larger) session of its ceremony against
   * participants not in {@code excluded}, each accused once, in the order the votes came.
   */
  List<Quorum> quorums(DkgSessionId current, Set<Identifier> excluded, int threshold) {
    Set<Identifier> done = new HashSet<>(excluded);
    List<Quorum> found = new ArrayList<>();
    for (var s : votes.entrySet()) {
      if (!s.getKey().isAncestorOrSelfOf(current)) {
        continue;
      }
      for (var e : s.getValue().entrySet()) {
        if (!done.contains(e.getKey()) && e.getValue().size() >= s.getKey().voteQuorum(threshold)) {
          done.add(e.getKey());
          found.add(new Quorum(s.getKey(), e.getKey(), new ArrayList<>(e.getValue().values())));
        }
      }
    }
    return found;
  }
}
