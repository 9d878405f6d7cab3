package dev.frostgate.node.cli;

/** Entry point of the frostgate command. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.out.println("frostgate");
  }
}
