package dev.frostgate.conformance;

import java.util.ArrayList;
import java.util.List;

/** The checks of one vector file, in the order they ran. */
public final class ConformanceReport {
  private final String title;
  private final List<Check> checks = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();

  public ConformanceReport(String title) {
    this.title = title;
  }

  public String title() {
    return title;
  }

  void add(String name, String expected, String actual) {
    checks.add(new Check(name, expected, actual));
  }

  void add(String name, boolean ok) {
    checks.add(new Check(name, "true", Boolean.toString(ok)));
  }

  /** Explains a result (an upstream erratum, a known limitation); never changes pass or fail. */
  void note(String text) {
    notes.add(text);
  }

  public List<Check> checks() {
    return List.copyOf(checks);
  }

  /** Explanations attached to the checks, in the order they were made. */
  public List<String> notes() {
    return List.copyOf(notes);
  }

  public boolean allPassed() {
    return !checks.isEmpty() && checks.stream().allMatch(Check::passed);
  }

  public long failures() {
    return checks.stream().filter(c -> !c.passed()).count();
  }
}
