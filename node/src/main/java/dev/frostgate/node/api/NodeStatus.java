package dev.frostgate.node.api;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What {@code GET /api/v1/status} reports: a snapshot the event loop publishes after each step.
 *
 * @param state {@code dkg} until this validator holds its key package, then {@code ready}; {@code
 *     dkg_failed} if its DKG cannot complete
 * @param signed signed request ids and their transaction ids (display hex)
 * @param stateReason why the state is what it is, where it needs saying ({@code dkg_failed})
 */
public record NodeStatus(
    int validator,
    String state,
    Optional<String> groupKey,
    Optional<String> xpub,
    Set<Integer> peersConnected,
    List<String> openRequests,
    Map<String, String> signed,
    Optional<String> stateReason) {
  public NodeStatus {
    peersConnected = Set.copyOf(peersConnected);
    openRequests = List.copyOf(openRequests);
    signed = Map.copyOf(signed);
  }

  public boolean ready() {
    return "ready".equals(state);
  }
}
