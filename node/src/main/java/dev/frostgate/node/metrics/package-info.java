/**
 * Prometheus metrics of one validator (issue 13, spec 12): {@link ValidatorMetrics} is the
 * catalogue (every metric name, its help text and labels, in one place, because the alert rules in
 * {@code deploy/prometheus/alerts.yml} and the Grafana dashboard in {@code
 * deploy/grafana/frostgate.json} are written against these names) and {@link EventMetrics} turns
 * the engine's and the DKG's events into updates, so the engine never calls the metrics. No label
 * value ever carries a secret: labels are validator ids, reason names and phase names.
 */
package dev.frostgate.node.metrics;
