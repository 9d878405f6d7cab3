package dev.frostgate.bitcoin.spv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.frostgate.bitcoin.spv.SpvException.Reason;
import fr.acinq.bitcoin.BlockHeader;
import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.ByteVector32;
import fr.acinq.bitcoin.TxId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class MerkleProofTest {
  private static final List<TxId> TXIDS = SpvVectors.txids();
  private static final BlockHeader HEADER = SpvVectors.header();

  /** Bitcoin Core 0.11.0 gettxoutproof output for one txid (bitcoin.org RPC reference). */
  private static final String CORE_0_11_PROOF =
      "03000000394ab3f08f712aa0f1d26c5daa4040b50e96d31d4e8e3c130000000000000000"
          + "ca89aaa0bbbfcd5d1210c7888501431256135736817100d8c2cf7e4ab9c02b168115d455"
          + "04dd1418836b20a6cb0800000d3a61beb3859abf1b773d54796c83b0b937968cc4ce3c0f"
          + "71f981b2407a3241cb8908f2a88ac90a2844596e6019450f507e7efb8542cbe54ea55634"
          + "c87bee474ee48aced68179564290d476e16cff01b483edcd2004d555c617dfc08200c083"
          + "08ba511250e459b49d6a465e1ab1d5d8005e0778359c2993236c85ec66bac4bfd974131a"
          + "dc1ee0ad8b645f459164eb38325ac88f98c9607752bc1b637e16814f0d9d8c2775ac3f20"
          + "f85260947929ceef16ead56fcbfd77d9dc6126cce1b5aacd9f834690f7508ee2db2ab67d"
          + "382c5e738b1b6fe3fb079511952d33ec18c8440ef291eb8d3546a971ee4aa5e574b7be7f"
          + "5aff0b1c989b2059ae5a611c8ce5c58e8e8476246c5e7c6b70e0065f2a6654e2e6cf4efb"
          + "6ae19bf2548a7d9febf5b0aceaff28610922e1b9e23e52f650a4a11d2986c9c2b09bb168"
          + "a70a7d4ac16e4d389bc2868ee91da1837d2cd79288bdc680e9c35ebb3ddfd045d69d767b"
          + "164ec69d5db9f995c045d10af5bd90cd9d1116c3732e14796ef9d1a57fa7bb718c07989e"
          + "d06ff359bf2009eaf1b9e000c054b87230567991b447757bc6ca8e1bb6e9816ad604dbd6"
          + "0600";

  /** Bitcoin Core 29.0 gettxoutproof output for one txid of mainnet block 901,846. */
  private static final String CORE_29_PROOF =
      "0000cc20e74e69db30fe908461c810b9eba24151cef87e792bd401000000000000000000a01c882adabe4bbec"
          + "11589f2932c935899e43af3fa4b2027f9c4f63717b3cb5898755368043a02178c51f26fb90000000980"
          + "53e31823ccf1bb4de37aaeeed1e922584dac851bbf921682c24fad3943350a2691b8e84f8272c91bad54"
          + "a7bdc8d4c33e957f2f4b01b06dd213703bf286722b64f4cf0fc2a4001a9b7d98c127d4b68d8d19613160"
          + "bdb4c91db83af9f763bb5af185023cb7489f1f636ec2b5668830890fb1484f708a3ffe504e121f982339"
          + "9fb7407de44f8e0f8b4c64875cd0fb812ccea56fd9a86d2e98ac1895bf45a8d960233e59b2fca56ed1c8"
          + "b178b0808d7a235d9a355071a6f5395fe1328dfd712d4a8be740030e3e296e0e685f4594e15d19698418"
          + "213862628990a91e21b5715e562b4d8db89eac431ab6d0e3dbaf863d5616d4307355af0d17175eca4cbb"
          + "bc725cb4e868aebda7ff853da5b8b306be68bf38b3ac197bfbb264c91f61228ecd127c036f1500";

  // ------------------------------------------------------------ vectors

  @Test
  void merkleRootOfAllTxidsEqualsTheHeaders() {
    JsonNode v = SpvVectors.block413567();
    assertThat(TXIDS).hasSize(v.get("tx_count").asInt()).hasSize(1557);
    assertThat(MerkleProof.merkleRoot(TXIDS).toHex())
        .isEqualTo(v.get("merkle_root_internal").asText())
        .isEqualTo(HEADER.hashMerkleRoot.toHex());
    assertThat(HEADER.blockId.toString()).isEqualTo(v.get("block_hash_display").asText());
  }

  @Test
  void everyExampleBranchVerifiesAndMatchesOurs() {
    JsonNode proofs = SpvVectors.block413567().get("example_proofs");
    assertThat(proofs).isNotEmpty();
    for (JsonNode p : proofs) {
      int index = p.get("index").asInt();
      TxId txid = new TxId(p.get("txid").asText());
      assertThat(TXIDS.get(index)).isEqualTo(txid);
      List<ByteVector32> branch = new ArrayList<>();
      p.get("branch_internal_order").forEach(n -> branch.add(new ByteVector32(n.asText())));
      MerkleBranch b = new MerkleBranch(index, branch);
      b.verify(txid, HEADER);
      b.verify(txid, HEADER, TXIDS.size());
      assertThat(MerkleBranch.of(TXIDS, index)).isEqualTo(b);
      // The same transaction through a gettxoutproof-format proof.
      MerkleProof.Verified v =
          MerkleProof.parse(MerkleProof.build(HEADER, TXIDS, Set.of(txid))).verify();
      assertThat(v.matches()).containsExactly(new MerkleProof.Match(txid, index));
    }
  }

  @Test
  void branchRejectsWrongIndexWrongTxidAndBadShape() {
    MerkleBranch b = MerkleBranch.of(TXIDS, 5);
    TxId txid = TXIDS.get(5);
    MerkleBranch wrongIndex = new MerkleBranch(4, b.siblings());
    assertReason(() -> wrongIndex.verify(txid, HEADER), Reason.MERKLE_ROOT_MISMATCH);
    assertReason(() -> b.verify(TXIDS.get(6), HEADER), Reason.MERKLE_ROOT_MISMATCH);
    assertReason(() -> b.verify(txid, HEADER, 1558 * 2 + 1000), Reason.INVALID_BRANCH);
    assertReason(() -> new MerkleBranch(1 << 11, b.siblings()), Reason.INVALID_BRANCH);
    assertReason(() -> new MerkleBranch(-1, b.siblings()), Reason.INVALID_BRANCH);
    // The last transaction of an odd level pairs with itself; a branch that says otherwise fails.
    MerkleBranch last = MerkleBranch.of(TXIDS, 1556);
    last.verify(TXIDS.get(1556), HEADER, 1557);
    assertThat(last.siblings().get(0).toByteArray())
        .isEqualTo(TXIDS.get(1556).value.reversed().toByteArray());
  }

  @Test
  void branchRejectsDuplicateSiblingMutation() {
    // Block of 1558 = 1557 + a copy of the last tx: same root (CVE-2012-2459), position 1557.
    List<TxId> mutated = new ArrayList<>(TXIDS);
    mutated.add(TXIDS.get(1556));
    MerkleBranch b = MerkleBranch.of(mutated, 1557);
    b.verify(TXIDS.get(1556), HEADER); // the bare root check cannot tell
    assertReason(() -> b.verify(TXIDS.get(1556), HEADER, 1558), Reason.DUPLICATE_NODE);
  }

  @Test
  void realBitcoinCoreProofsParseVerifyAndRoundTrip() {
    MerkleProof p11 = MerkleProof.parseHex(CORE_0_11_PROOF);
    MerkleProof.Verified v11 = p11.verify();
    assertThat(v11.blockHash().value.reversed().toHex())
        .isEqualTo("0000000000000000140e84bf183d8d5207d65fbfae596bdf48f684d13d951847");
    assertThat(v11.txids())
        .containsExactly(
            new TxId("f20e44c818ec332d95119507fbe36f1b8b735e2c387db62adbe28e50f7904683"));
    assertThat(p11.toHex()).isEqualTo(CORE_0_11_PROOF);
    Pow.check(p11.header(), PowParams.MAINNET);

    MerkleProof p29 = MerkleProof.parseHex(CORE_29_PROOF);
    MerkleProof.Verified v29 = p29.verify();
    assertThat(v29.totalTransactions()).isEqualTo(185);
    assertThat(v29.txids())
        .containsExactly(
            new TxId("60d9a845bf9518ac982e6da8d96fa5ce2c81fbd05c87644c8b0f8e4fe47d40b7"));
    assertThat(p29.toHex()).isEqualTo(CORE_29_PROOF);
    Pow.check(p29.header(), PowParams.MAINNET);
  }

  // ------------------------------------------------------------ builder

  @Property(tries = 60)
  void builtProofsForRandomSubsetsVerifyAndMatchExactlyThem(
      @ForAll long seed, @ForAll @IntRange(min = 0, max = 40) int count) {
    Random rnd = new Random(seed);
    Set<Integer> positions = new HashSet<>();
    while (positions.size() < count) {
      positions.add(rnd.nextInt(TXIDS.size()));
    }
    Set<TxId> matches = new HashSet<>();
    positions.forEach(i -> matches.add(TXIDS.get(i)));
    byte[] bytes = MerkleProof.build(SpvVectors.headerBytes(), TXIDS, matches);
    MerkleProof.Verified v = MerkleProof.parse(bytes).verify();
    assertThat(v.blockHash()).isEqualTo(HEADER.hash);
    assertThat(v.totalTransactions()).isEqualTo(1557);
    assertThat(v.matches())
        .containsExactlyElementsOf(
            positions.stream().sorted().map(i -> new MerkleProof.Match(TXIDS.get(i), i)).toList());
  }

  @Test
  void builderEdgeCases() {
    // Nothing matched: one hash (the root), one bit.
    MerkleProof none = MerkleProof.create(HEADER, TXIDS, Set.of());
    assertThat(none.hashes()).containsExactly(HEADER.hashMerkleRoot);
    assertThat(none.verify().matches()).isEmpty();
    // Everything matched.
    MerkleProof all = MerkleProof.create(HEADER, TXIDS, new HashSet<>(TXIDS));
    assertThat(all.verify().txids()).containsExactlyElementsOf(TXIDS);
    assertThat(all.hashes()).hasSize(1557);
    // A one-transaction block: the root is the txid.
    TxId only = TXIDS.get(0);
    BlockHeader single = HEADER.setHashMerkleRoot(only.value.reversed());
    MerkleProof.Verified v =
        MerkleProof.parse(MerkleProof.build(single, List.of(only), Set.of(only))).verify();
    assertThat(v.matches()).containsExactly(new MerkleProof.Match(only, 0));
  }

  @Test
  void builderRejectsBadArguments() {
    TxId stranger = new TxId("00000000000000000000000000000000000000000000000000000000000000aa");
    assertThatThrownBy(() -> MerkleProof.build(HEADER, TXIDS, Set.of(stranger)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not in the block");
    assertThatThrownBy(() -> MerkleProof.build(HEADER, TXIDS.subList(0, 10), Set.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("merkle root");
    List<TxId> dup = new ArrayList<>(TXIDS);
    dup.add(TXIDS.get(1556));
    assertThatThrownBy(() -> MerkleProof.build(HEADER, dup, Set.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("duplicate");
    assertThatThrownBy(() -> MerkleProof.build(HEADER, List.of(), Set.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MerkleProof.build(new byte[79], TXIDS, Set.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  // ------------------------------------------------------------ corrupted proofs

  private static byte[] sample() {
    return MerkleProof.build(HEADER, TXIDS, Set.of(TXIDS.get(3), TXIDS.get(700), TXIDS.get(1556)));
  }

  @Test
  void everyFlippedBitIsRejectedOrYieldsOnlyGenuineMatches() {
    byte[] good = sample();
    MerkleProof.Verified expected = MerkleProof.parse(good).verify();
    int rejected = 0;
    int flagStart = 80 + 4 + 1 + 32 * MerkleProof.parse(good).hashes().size() + 1;
    for (int i = 0; i < good.length * 8; i++) {
      byte[] bad = good.clone();
      bad[i / 8] ^= (byte) (1 << (i % 8));
      boolean headerNonRoot = i / 8 < 80 && !(i / 8 >= 36 && i / 8 < 68);
      MerkleProof.Verified v;
      try {
        v = MerkleProof.parse(bad).verify();
      } catch (SpvException e) {
        assertThat(headerNonRoot).as("bit %d: %s", i, e.getMessage()).isFalse();
        rejected++;
        continue;
      }
      if (headerNonRoot) {
        // Version, previous hash, time, bits and nonce are not under the merkle root: the proof
        // still verifies, for a header with another hash (which a HeaderChain lookup rejects).
        assertThat(v.matches()).isEqualTo(expected.matches());
        assertThat(v.blockHash()).isNotEqualTo(expected.blockHash());
      } else {
        // BIP37 leaf flags are not hashed: flipping one adds or drops a match, but only ever
        // a transaction that really is at that position in the block.
        assertThat(i / 8).as("bit %d", i).isGreaterThanOrEqualTo(flagStart);
        for (MerkleProof.Match m : v.matches()) {
          assertThat(TXIDS.get(m.position())).isEqualTo(m.txid());
        }
      }
    }
    assertThat(rejected).isGreaterThan((good.length - 80) * 8 - 24);
  }

  @Test
  void flippedHashOrRootIsARootMismatch() {
    byte[] bad = sample();
    bad[80 + 4 + 1 + 5] ^= 1; // inside the first hash
    assertReason(() -> MerkleProof.parse(bad).verify(), Reason.MERKLE_ROOT_MISMATCH);
    byte[] badRoot = sample();
    badRoot[40] ^= (byte) 0x80; // inside the header's merkle root
    assertReason(() -> MerkleProof.parse(badRoot).verify(), Reason.MERKLE_ROOT_MISMATCH);
  }

  @Test
  void everyTruncationIsRejected() {
    byte[] good = sample();
    for (int len = 0; len < good.length; len++) {
      byte[] bad = Arrays.copyOf(good, len);
      int l = len;
      assertThatThrownBy(() -> MerkleProof.parse(bad).verify())
          .as("length %d", l)
          .isInstanceOfSatisfying(
              SpvException.class,
              e -> assertThat(e.reason()).isIn(Reason.TRUNCATED, Reason.NOT_ENOUGH_BITS));
    }
    assertReason(() -> MerkleProof.parse(Arrays.copyOf(good, 50)), Reason.TRUNCATED);
    assertReason(() -> MerkleProof.parse(Arrays.copyOf(good, good.length - 1)), Reason.TRUNCATED);
  }

  @Test
  void trailingBytesAreRejected() {
    byte[] good = sample();
    assertReason(
        () -> MerkleProof.parse(Arrays.copyOf(good, good.length + 1)), Reason.TRAILING_DATA);
  }

  @Test
  void extraHashIsRejected() {
    MerkleProof p = MerkleProof.create(HEADER, TXIDS, Set.of(TXIDS.get(10)));
    List<ByteVector32> more = new ArrayList<>(p.hashes());
    more.add(more.get(0));
    // Keep enough flag bytes for the extra hash: the check that fires is "unused hashes".
    MerkleProof bad = new MerkleProof(p.header(), 1557, more, p.flags());
    assertReason(() -> MerkleProof.parse(bad.serialize()).verify(), Reason.UNUSED_HASHES);
  }

  @Test
  void extraFlagBitsAreRejected() {
    MerkleProof p = MerkleProof.create(HEADER, TXIDS, Set.of(TXIDS.get(10)));
    ByteVector extraByte = p.flags().concat((byte) 0);
    MerkleProof bad1 = new MerkleProof(p.header(), 1557, p.hashes(), extraByte);
    assertReason(() -> MerkleProof.parse(bad1.serialize()).verify(), Reason.UNUSED_BITS);
    // Set the first unused padding bit of the last byte (Core would ignore it; we reject it).
    int used = 2 * p.hashes().size() - 1; // bits in a single-match tree walk
    assertThat(used % 8).isNotZero();
    byte[] f = p.flags().toByteArray();
    f[f.length - 1] |= (byte) (1 << (used % 8));
    MerkleProof bad2 = new MerkleProof(p.header(), 1557, p.hashes(), new ByteVector(f));
    assertReason(() -> MerkleProof.parse(bad2.serialize()).verify(), Reason.UNUSED_BITS);
  }

  @Test
  void missingHashesOrBitsAreRejected() {
    MerkleProof p = MerkleProof.create(HEADER, TXIDS, Set.of(TXIDS.get(10)));
    MerkleProof fewer =
        new MerkleProof(p.header(), 1557, p.hashes().subList(0, p.hashes().size() - 1), p.flags());
    assertReason(() -> MerkleProof.parse(fewer.serialize()).verify(), Reason.NOT_ENOUGH_HASHES);
    MerkleProof noBits = new MerkleProof(p.header(), 1557, p.hashes(), new ByteVector(new byte[1]));
    assertReason(() -> MerkleProof.parse(noBits.serialize()), Reason.NOT_ENOUGH_BITS);
    // Flags all ones: the walk descends everywhere and runs out of hashes or bits.
    byte[] ones = new byte[p.flags().size()];
    Arrays.fill(ones, (byte) 0xff);
    MerkleProof greedy = new MerkleProof(p.header(), 1557, p.hashes(), new ByteVector(ones));
    assertThatThrownBy(greedy::verify)
        .isInstanceOfSatisfying(
            SpvException.class,
            e ->
                assertThat(e.reason())
                    .isIn(Reason.NOT_ENOUGH_BITS, Reason.NOT_ENOUGH_HASHES, Reason.DUPLICATE_NODE));
  }

  @Test
  void duplicatedLastNodeMutationIsRejected() {
    // CVE-2012-2459: appending a copy of the last txid gives 1558 txids with the same root.
    List<TxId> mutated = new ArrayList<>(TXIDS);
    mutated.add(TXIDS.get(1556));
    assertThat(MerkleProof.merkleRoot(mutated)).isEqualTo(HEADER.hashMerkleRoot);
    MerkleProof bad = MerkleProof.createUnchecked(HEADER, mutated, Set.of(TXIDS.get(1556)));
    assertReason(() -> MerkleProof.parse(bad.serialize()).verify(), Reason.DUPLICATE_NODE);
    // Larger duplicated subtree: 1557 = 1024 + 533; duplicate the last 5 -> width stays odd above.
    List<TxId> mutated2 = new ArrayList<>(TXIDS.subList(0, 1556));
    mutated2.add(TXIDS.get(1556));
    mutated2.add(TXIDS.get(1556));
    MerkleProof bad2 =
        MerkleProof.createUnchecked(HEADER, mutated2, Set.of(TXIDS.get(0), TXIDS.get(1556)));
    assertReason(bad2::verify, Reason.DUPLICATE_NODE);
  }

  @Test
  void transactionCountLimits() {
    MerkleProof p = MerkleProof.create(HEADER, TXIDS, Set.of(TXIDS.get(10)));
    byte[] zero = p.serialize();
    Arrays.fill(zero, 80, 84, (byte) 0);
    assertReason(() -> MerkleProof.parse(zero), Reason.NO_TRANSACTIONS);
    byte[] huge = p.serialize();
    huge[80] = 0x23; // 16,675 = 0x4123
    huge[81] = 0x41;
    huge[82] = 0;
    huge[83] = 0;
    assertReason(() -> MerkleProof.parse(huge), Reason.TOO_MANY_TRANSACTIONS);
    byte[] max = p.serialize();
    Arrays.fill(max, 80, 84, (byte) 0xff);
    assertReason(() -> MerkleProof.parse(max), Reason.TOO_MANY_TRANSACTIONS);
    // More hashes than transactions.
    MerkleProof two = new MerkleProof(p.header(), 1, p.hashes().subList(0, 2), p.flags());
    assertReason(() -> MerkleProof.parse(two.serialize()), Reason.TOO_MANY_HASHES);
    assertReason(two::verify, Reason.TOO_MANY_HASHES);
  }

  @Test
  void nonCanonicalVarintAndBadHexAreRejected() {
    MerkleProof p = MerkleProof.create(HEADER, TXIDS, Set.of());
    byte[] good = p.serialize(); // 80 | 4 | 01 | 32 | 01 | 00
    byte[] bad = new byte[good.length + 2];
    System.arraycopy(good, 0, bad, 0, 84);
    bad[84] = (byte) 0xfd;
    bad[85] = 1;
    bad[86] = 0;
    System.arraycopy(good, 85, bad, 87, good.length - 85);
    assertReason(() -> MerkleProof.parse(bad), Reason.NON_CANONICAL_VARINT);
    assertThatThrownBy(() -> MerkleProof.parseHex("zz")).isInstanceOf(SpvException.class);
    assertThat(HexFormat.of().formatHex(good)).isEqualTo(p.toHex());
  }

  static void assertReason(ThrowingCallable call, Reason reason) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(SpvException.class, e -> assertThat(e.reason()).isEqualTo(reason))
        .hasMessageContaining(reason.name());
  }
}
