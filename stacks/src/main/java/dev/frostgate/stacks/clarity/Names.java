package dev.frostgate.stacks.clarity;

import java.util.regex.Pattern;

/** Name and character rules of Clarity (as the Stacks node's parser applies them). */
public final class Names {
  private Names() {}

  /** Clarity names (tuple fields, functions): at most 128 characters. */
  private static final Pattern CLARITY_NAME =
      Pattern.compile("^[a-zA-Z]([a-zA-Z0-9]|[-_!?+<>=/*])*$|^[-+=/*]$|^[<>]=?$");

  /** Contract names: at most 128 characters (40 for new deployments). */
  private static final Pattern CONTRACT_NAME = Pattern.compile("^[a-zA-Z]([a-zA-Z0-9]|[-_])*$");

  public static final int MAX_NAME_LENGTH = 128;

  public static boolean isClarityName(String name) {
    return !name.isEmpty()
        && name.length() <= MAX_NAME_LENGTH
        && CLARITY_NAME.matcher(name).matches();
  }

  public static boolean isContractName(String name) {
    return !name.isEmpty()
        && name.length() <= MAX_NAME_LENGTH
        && CONTRACT_NAME.matcher(name).matches();
  }

  public static String requireClarityName(String name) {
    if (!isClarityName(name)) {
      throw new IllegalArgumentException("not a Clarity name: '" + printable(name) + "'");
    }
    return name;
  }

  public static String requireContractName(String name) {
    if (!isContractName(name)) {
      throw new IllegalArgumentException("not a contract name: '" + printable(name) + "'");
    }
    return name;
  }

  /** ASCII alphanumerics, punctuation, space and the whitespace controls \t \n \f \r. */
  static boolean isClarityAscii(int c) {
    return (c >= 0x20 && c <= 0x7e) || c == '\t' || c == '\n' || c == 0x0c || c == '\r';
  }

  static String printable(String s) {
    StringBuilder b = new StringBuilder();
    s.codePoints()
        .limit(64)
        .forEach(c -> b.append(c >= 0x20 && c < 0x7f ? Character.toString(c) : "\\u" + c));
    return b.toString();
  }
}
