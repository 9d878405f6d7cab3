package dev.frostgate.node.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.frostgate.crypto.hd.Network;
import dev.frostgate.engine.SpendRequest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every field of a signing request is checked, and a problem names its field. */
public class SpendRequestJsonTest {
  static final String ADDRESS = "bcrt1qw508d6qejxtdg4y5r3zarvary0c5xw7kygt080";

  /** A valid body: request r1, created at 1000 ms and expiring at 2000 ms (long past). */
  public static String valid() {
    return """
        {"request_id": "r1",
         "inputs": [{"txid": "%s", "vout": 1, "amount_sat": 100000, "branch": "deposit", "index": 4}],
         "recipients": [{"address": "%s", "amount_sat": 40000}],
         "fee_rate_sat_vb": 2, "fee_cap_sat": 50000, "change_index": 3,
         "created_at_ms": 1000, "expires_at_ms": 2000}
        """
        .formatted("ab".repeat(32), ADDRESS);
  }

  private static SpendRequest parse(String json) {
    return SpendRequestJson.parse(json.getBytes(StandardCharsets.UTF_8), Network.REGTEST, 5);
  }

  @Test
  void parsesAndRoundTrips() {
    SpendRequest r = parse(valid());
    assertThat(r.id().value()).isEqualTo("r1");
    assertThat(r.createdAt()).isEqualTo(1000);
    assertThat(r.expiresAt()).isEqualTo(2000);
    assertThat(r.recipe().inputs().get(0).index()).isEqualTo(4);
    assertThat(r.recipe().change().changeIndex()).isEqualTo(3);
    SpendRequest back = SpendRequestJson.parse(SpendRequestJson.toJson(r), Network.REGTEST, 0);
    assertThat(SpendRequestJson.toJson(back)).isEqualTo(SpendRequestJson.toJson(r));
  }

  @Test
  void createdAtDefaultsToReceipt() {
    SpendRequest r = parse(valid().replace("\"created_at_ms\": 1000,", ""));
    assertThat(r.createdAt()).isEqualTo(5);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "\"request_id\": \"r1\"|\"request_id\": \"r 1\"|request_id",
        "\"request_id\": \"r1\",|\"request_id\": \"r1\", \"extra\": 1,|extra",
        "\"vout\": 1|\"vout\": -1|inputs[0].vout",
        "\"branch\": \"deposit\"|\"branch\": \"other\"|inputs[0].branch",
        "\"amount_sat\": 100000|\"amount_sat\": 0|inputs[0].amount_sat",
        "\"amount_sat\": 40000|\"amount_sat\": \"40000\"|recipients[0].amount_sat",
        "bcrt1qw508d6qejxtdg4y5r3zarvary0c5xw7kygt080|bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4|recipients[0].address",
        "\"fee_rate_sat_vb\": 2|\"fee_rate_sat_vb\": 0|fee_rate_sat_vb",
        "\"fee_cap_sat\": 50000|\"fee_cap_sat\": 1.5|fee_cap_sat",
        "\"expires_at_ms\": 2000|\"expires_at_ms\": 999|expires_at_ms",
        "\"change_index\": 3|\"change_index\": 2147483648|change_index",
      })
  void namesTheFieldAtFault(String from, String to, String field) {
    String json = valid().replace(from, to);
    assertThat(json).isNotEqualTo(valid());
    assertThatThrownBy(() -> parse(json))
        .isInstanceOfSatisfying(
            BadRequestException.class, e -> assertThat(e.field()).isEqualTo(field));
  }

  @Test
  void rejectsWhatIsNotAnObjectOrNotJson() {
    for (String bad : new String[] {"[]", "{", "nope", "{\"inputs\": []}"}) {
      assertThatThrownBy(() -> parse(bad)).isInstanceOf(BadRequestException.class);
    }
  }
}
