package dev.frostgate.conformance;

/** One comparison of a computed value with the vector's value. */
public record Check(String name, String expected, String actual) {
  public boolean passed() {
    return expected.equalsIgnoreCase(actual);
  }

  @Override
  public String toString() {
    return (passed() ? "pass  " : "FAIL  ")
        + name
        + (passed() ? "" : "\n      expected " + expected + "\n      actual   " + actual);
  }
}
