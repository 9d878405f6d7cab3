package dev.frostgate.stacks.tx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.frostgate.crypto.ec.Secp256k1;
import dev.frostgate.crypto.ec.SecretScalar;
import dev.frostgate.crypto.hash.Hashes;
import dev.frostgate.stacks.clarity.ClarityValue;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContractCallTransactionTest {
  private static final SecretScalar KEY = SecretScalar.fromBytes(Hashes.sha256(Hashes.ascii("k")));
  private static final ContractCall CALL =
      ContractCall.of(
          "ST1PQHQKV0RJXZFY1DGX8MNSNYVE3VGZJSRTPGZGM.loan-protocol-v2",
          "confirm-bitcoin-action",
          List.of(ClarityValue.UInt.of(1), ClarityValue.Buffer.ofHex("ab".repeat(32))));

  private static ContractCallTransaction tx(long nonce, long fee) {
    return ContractCallTransaction.validatorCall(
        StacksNetwork.TESTNET, KEY.publicPoint().compressed(), nonce, fee, CALL);
  }

  @Test
  void theSignatureCoversNonceAndFeeAndRecoversTheSignersKey() {
    byte[] bytes = tx(3, 500).sign(KEY).bytes();
    int at = 1 + 4 + 1 + 1 + 20 + 8 + 8 + 1;
    byte[] sig = Arrays.copyOfRange(bytes, at, at + 65);
    assertThat(
            Secp256k1.recoverEcdsa(
                tx(3, 500).presignHash(), Arrays.copyOfRange(sig, 1, 65), sig[0]))
        .hasValueSatisfying(p -> assertThat(p).isEqualTo(KEY.publicPoint().compressed()));
    assertThat(tx(4, 500).presignHash()).isNotEqualTo(tx(3, 500).presignHash());
    assertThat(tx(3, 501).presignHash()).isNotEqualTo(tx(3, 500).presignHash());
    assertThat(tx(3, 500).sign(KEY).txid()).isNotEqualTo(tx(3, 501).sign(KEY).txid());
  }

  @Test
  void refusesAKeyThatIsNotTheTransactions() {
    SecretScalar other = SecretScalar.fromBytes(Hashes.sha256(Hashes.ascii("other")));
    assertThatThrownBy(() -> tx(0, 0).sign(other)).hasMessageContaining("does not match");
  }

  @Test
  void refusesUncompressedKeysNegativeNoncesAndBadNames() {
    assertThatThrownBy(
            () ->
                ContractCallTransaction.validatorCall(
                    StacksNetwork.TESTNET, KEY.publicPoint().uncompressed(), 0, 0, CALL))
        .hasMessageContaining("compressed");
    assertThatThrownBy(() -> tx(-1, 0)).hasMessageContaining("unsigned");
    assertThatThrownBy(
            () -> ContractCall.of("ST1PQHQKV0RJXZFY1DGX8MNSNYVE3VGZJSRTPGZGM.9bad", "f", List.of()))
        .hasMessageContaining("contract name");
    assertThatThrownBy(() -> ContractCall.of("not-an-address", "f", List.of()))
        .hasMessageContaining("ADDRESS.name");
  }
}
