package dev.frostgate.node.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.frostgate.node.config.HostPort;
import dev.frostgate.node.live.BitcoinTip;
import dev.frostgate.node.live.DashboardRoutes;
import dev.frostgate.node.live.LiveService;
import java.io.InputStream;
import java.time.InstantSource;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document against the routes a real {@link ApiServer} registers: every served route is
 * documented and every documented route is served (bin/check-api then calls each against a devnet
 * and validates the bodies). A route added to {@code ApiServer} without a path in {@code
 * api/openapi.json} fails {@link #everyServedRouteIsDocumented}.
 */
class ApiDocumentTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  static JsonNode document() throws Exception {
    try (InputStream in = ApiServer.class.getResourceAsStream(ApiServer.OPENAPI_RESOURCE)) {
      assertThat(in).as(ApiServer.OPENAPI_RESOURCE).isNotNull();
      return JSON.readTree(in);
    }
  }

  static Set<String> documentedRoutes(JsonNode doc) {
    Set<String> out = new TreeSet<>();
    doc.path("paths")
        .fields()
        .forEachRemaining(
            p ->
                p.getValue()
                    .fieldNames()
                    .forEachRemaining(m -> out.add(m.toUpperCase(Locale.ROOT) + " " + p.getKey())));
    return out;
  }

  private static Set<String> servedRoutes() throws Exception {
    // With the live routes (dashboard page, assets, summary) as the runtime adds them.
    LiveService live =
        new LiveService(
            1, Set.of(1, 2, 3), 2, () -> new BitcoinTip(120, 120), InstantSource.system());
    try (ApiServer server =
        TestApiView.start(
            new HostPort("127.0.0.1", LoopbackPorts.free()),
            () -> TestApiView.STATUS,
            id -> Optional.empty(),
            List.of(new DashboardRoutes(live)))) {
      return server.routes();
    }
  }

  @Test
  void everyServedRouteIsDocumented() throws Exception {
    Set<String> served = servedRoutes();
    assertThat(served).isNotEmpty();
    assertThat(documentedRoutes(document())).containsAll(served);
  }

  @Test
  void everyDocumentedRouteIsServed() throws Exception {
    assertThat(servedRoutes()).containsAll(documentedRoutes(document()));
  }

  @Test
  void theDocumentIsOpenApi31WithClosedBodiesAndAnErrorForEveryFailure() throws Exception {
    JsonNode doc = document();
    assertThat(doc.path("openapi").asText()).isEqualTo("3.1.0");
    JsonNode schemas = doc.path("components").path("schemas");
    schemas
        .fields()
        .forEachRemaining(
            s ->
                assertThat(s.getValue().path("additionalProperties").asBoolean(true))
                    .as(s.getKey() + " is closed")
                    .isFalse());
    doc.path("paths")
        .fields()
        .forEachRemaining(
            p ->
                p.getValue()
                    .fields()
                    .forEachRemaining(
                        op ->
                            op.getValue()
                                .path("responses")
                                .fields()
                                .forEachRemaining(
                                    r -> {
                                      if (r.getKey().startsWith("4")) {
                                        assertThat(
                                                r.getValue()
                                                    .path("content")
                                                    .path("application/json")
                                                    .path("schema")
                                                    .path("$ref")
                                                    .asText())
                                            .as(p.getKey() + " " + r.getKey())
                                            .isEqualTo("#/components/schemas/Error");
                                      }
                                    })));
  }
}
