package dev.frostgate.node.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The alert rules and the Grafana dashboard under {@code deploy/} use only metrics a validator
 * exports: a renamed or dropped metric would otherwise leave an alert that can never fire (promtool
 * cannot know, it has no scrape). bin/check-deploy checks that the same files parse and that the
 * alerts pass their unit tests.
 */
class DeployFilesTest {
  private static final Pattern METRIC = Pattern.compile("\\bfrostgate_[a-z0-9_]+");

  @ParameterizedTest
  @ValueSource(strings = {"deploy/prometheus/alerts.yml", "deploy/grafana/frostgate.json"})
  void usesOnlyExportedMetrics(String file) throws IOException {
    Path path = Path.of("..").resolve(file);
    String text = Files.readString(path);
    Set<String> used = new TreeSet<>();
    Matcher m = METRIC.matcher(text);
    while (m.find()) {
      used.add(m.group());
    }
    assertThat(used).as("%s names no metric", path).isNotEmpty();
    assertThat(used).as("metrics used by %s", path).isSubsetOf(exported());
  }

  /** Every sample name the catalogue can produce (counters' _total, histograms' series). */
  private static Set<String> exported() {
    Set<String> names = new TreeSet<>();
    for (MetricSnapshot metric : new ValidatorMetrics().snapshot()) {
      String name = metric.getMetadata().getPrometheusName();
      switch (metric) {
        case CounterSnapshot c -> names.add(name + "_total");
        case HistogramSnapshot h -> {
          for (String suffix : new String[] {"_bucket", "_count", "_sum"}) {
            names.add(name + suffix);
          }
        }
        default -> names.add(name);
      }
    }
    return names;
  }
}
