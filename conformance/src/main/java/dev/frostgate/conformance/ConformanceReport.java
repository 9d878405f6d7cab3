package dev.frostgate.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The checks of one vector file, in the order they ran. */
public final class ConformanceReport {
  private final String title;
  private final Optional<CiphersuiteChoice> ciphersuite;
  private final List<Check> checks = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();

  /** A report for a file that does not depend on the ciphersuite (share repair, elements). */
  public ConformanceReport(String title) {
    this.title = title;
    this.ciphersuite = Optional.empty();
  }

  public ConformanceReport(String title, CiphersuiteChoice ciphersuite) {
    this.title = title;
    this.ciphersuite = Optional.of(ciphersuite);
  }

  public String title() {
    return title;
  }

  /** The ciphersuite the checks ran under and why; empty for ciphersuite-independent files. */
  public Optional<CiphersuiteChoice> ciphersuite() {
    return ciphersuite;
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
