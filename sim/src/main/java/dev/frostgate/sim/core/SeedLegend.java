package dev.frostgate.sim.core;

import java.util.List;
import java.util.stream.Stream;

/**
 * What each field of a seed line means, for a reader who has a failing seed and not the code.
 * {@code frostgate simulate} prints it once before the seed lines and alone with {@code --explain}.
 * It lives beside {@link SeedLine}, which both simulations format their lines with, so that a new
 * field gets its explanation in the same change. Every line starts with {@code "# "}, so it never
 * reads as a seed line.
 */
public final class SeedLegend {
  private SeedLegend() {}

  /** The fields of a signing seed line ({@code seed 17: n=5 t=3 signed 2/2, ...}). */
  public static List<String> signing() {
    return prefixed(
        "How to read a signing seed line (one run of threshold signing, all of it drawn from the"
            + " seed):",
        "  seed S: n=N t=T       the seed, the validators in the group and the signing threshold",
        "  signed a/b            a of the b requests that must be signed were signed; b is the"
            + " --requests drawn,",
        "                        less one when CONFLICTING_REQUESTS drew a second request for"
            + " the first one's coin",
        "                        (either of the two may be signed, never both, so neither counts)."
            + " The request with an",
        "                        unconfirmed input (UNCONFIRMED_INPUT) must never be signed and"
            + " is not counted either",
        "  t_sim=T               simulated time in milliseconds (the simulated clock, not the"
            + " wall clock) when the run",
        "                        stopped: all of b signed after the faults ended, or the time"
            + " limit (leader timeout 400 ms)",
        "  steps=S               events handled: deliveries, ticks (every 10 ms), crashes,"
            + " restarts, partition changes",
        "  msgs=M                messages sent, counted before loss; duplicates and replays not"
            + " counted",
        "  crashes=c             validator processes that crashed and lost their memory: between"
            + " two steps (CRASH_RESTART),",
        "                        at a journal write, a permanent crash (PERMANENT_CRASH), or a"
            + " restart forced by",
        "                        BYZ_LEADER_REPLAY_AFTER_RESTART",
        "  (journal j: {w-p=k})  j of the c crashes hit a journal write (CRASH_AT_JOURNAL_WRITE"
            + " in the fault list): write w",
        "                        (shares = a batch of signature shares, signed = a completed"
            + " request) at point p (before",
        "                        = inside the transaction, rolled back; after = committed, nothing"
            + " sent yet), k times.",
        "                        CRASH_AT_JOURNAL_WRITE only arms a crash (1 step in 40); an armed"
            + " step that writes",
        "                        nothing crashes nowhere, so journal 0 beside it is no error",
        "  forged=F              messages the envelope check rejected: sent by FORGED_SENDER in"
            + " another validator's name",
        "  blames=B              misbehaviour evidence honest validators produced (each checked:"
            + " it verifies and accuses",
        "                        a Byzantine validator)",
        "  delivery=single       each message is one engine step; batched: a validator takes all"
            + " its messages due within",
        "                        8 ms in one step (one journal commit for their shares)",
        "  faults=[...]          the faults this seed drew (names of dev.frostgate.sim.signing.SigningFault)",
        "  byz={id=BEHAVIOUR}    the Byzantine validators and what each does; dead=[ids]: crashed"
            + " for good",
        "  OK | FAIL (W ms)      whether every invariant held; the wall-clock time of the run. A"
            + " FAIL line is followed",
        "                        by the violations and the one command that replays the seed");
  }

  /** The fields of a DKG seed line ({@code dkg seed 3: n=6 t=4 completed 4/4 ...}). */
  public static List<String> dkg() {
    return prefixed(
        "How to read a DKG seed line (one run of the networked key generation, drawn from the"
            + " seed):",
        "  dkg seed S: n=N t=T   the seed, the validators that start the DKG and the threshold",
        "  completed x/y         x of the y honest (not Byzantine) validators ended with the group"
            + " key",
        "  participants=p        the validators of the session that produced the key (0: none did);"
            + " excluded ones are",
        "                        left out, so p may be below n",
        "  excluded=[id:REASON]  the exclusions honest validators applied, each with its proof"
            + " (TIMEOUT: a quorum of",
        "                        votes that it stalled; INVALID_SHARE, EQUIVOCATION, ...: its own"
            + " signed messages)",
        "  t_sim=T               simulated time in milliseconds when the honest validators were"
            + " done (round timeout",
        "                        3000 ms, ticks every 10 ms)",
        "  steps=S msgs=M        events handled; messages sent, counted before loss",
        "  crashes=c (at write w) crash-restarts of honest validators (CRASH_RESTART: between two"
            + " steps); w of them at",
        "                        a store write (CRASH_AT_WRITE), before or after the write",
        "  impaired=[ids]        honest validators that crashed after saving their test nonce"
            + " commitment: the nonces",
        "                        died with the process, so they cannot finish that session; they"
            + " count as faulty and",
        "                        may be excluded by TIMEOUT",
        "  faults=[...]          the faults this seed drew (names of dev.frostgate.sim.dkg.DkgFault);"
            + " byz={id=BEHAVIOUR}:",
        "                        the Byzantine validators; round2-delayed=[ids]: validators whose"
            + " round-2 shares arrive",
        "                        late (DELAY_ROUND2)",
        "  partition=[ids]@a..b  the validators in [ids] were cut off from the others from"
            + " simulated time a ms to b ms",
        "  OK | FAIL (W ms)      whether every invariant held; the wall-clock time of the run");
  }

  /** The fields of {@code --keys-from-dkg}: a DKG seed line, then a signing line. */
  public static List<String> pipeline() {
    return concat(dkg(), thenSigning(), signing());
  }

  /** Every legend, for {@code simulate --explain}. */
  public static List<String> all() {
    return concat(signing(), dkg(), thenSigning());
  }

  private static List<String> thenSigning() {
    return prefixed(
        "With --keys-from-dkg each DKG line is followed by '  then seed ...', the signing seed line"
            + " (above) of the",
        "group the DKG produced: n there is the DKG's participants, and the signing faults are"
            + " drawn anew.");
  }

  @SafeVarargs
  private static List<String> concat(List<String>... parts) {
    return Stream.of(parts).flatMap(List::stream).toList();
  }

  private static List<String> prefixed(String... lines) {
    return Stream.of(lines).map(l -> "# " + l).toList();
  }
}
