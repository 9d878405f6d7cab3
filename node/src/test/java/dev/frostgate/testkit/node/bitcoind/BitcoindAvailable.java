package dev.frostgate.testkit.node.bitcoind;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Disables a bitcoind test class when no bitcoind is found, with where it looked as the reason
 * (surefire counts its tests as skipped). When one is required (CI) the class runs and fails.
 */
public final class BitcoindAvailable implements ExecutionCondition {
  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    return BitcoindBinary.find()
        .skipReason()
        .map(ConditionEvaluationResult::disabled)
        .orElse(ConditionEvaluationResult.enabled("bitcoind found, or required"));
  }
}
