package dev.frostgate.stacks.clarity;

/** SIP-005 type prefixes of serialized Clarity values. */
public enum ClarityType {
  INT(0x00, Kind.INT),
  UINT(0x01, Kind.UINT),
  BUFFER(0x02, Kind.BUFFER),
  TRUE(0x03, Kind.BOOL),
  FALSE(0x04, Kind.BOOL),
  PRINCIPAL_STANDARD(0x05, Kind.PRINCIPAL),
  PRINCIPAL_CONTRACT(0x06, Kind.PRINCIPAL),
  RESPONSE_OK(0x07, Kind.RESPONSE),
  RESPONSE_ERR(0x08, Kind.RESPONSE),
  OPTIONAL_NONE(0x09, Kind.OPTIONAL),
  OPTIONAL_SOME(0x0a, Kind.OPTIONAL),
  LIST(0x0b, Kind.LIST),
  TUPLE(0x0c, Kind.TUPLE),
  STRING_ASCII(0x0d, Kind.STRING_ASCII),
  STRING_UTF8(0x0e, Kind.STRING_UTF8);

  /** Values of one kind may share a list (ok with err, none with some, either principal). */
  public enum Kind {
    INT,
    UINT,
    BUFFER,
    BOOL,
    PRINCIPAL,
    RESPONSE,
    OPTIONAL,
    LIST,
    TUPLE,
    STRING_ASCII,
    STRING_UTF8
  }

  private final int prefix;
  private final Kind kind;

  ClarityType(int prefix, Kind kind) {
    this.prefix = prefix;
    this.kind = kind;
  }

  public int prefix() {
    return prefix;
  }

  public Kind kind() {
    return kind;
  }

  static ClarityType ofPrefix(int prefix) {
    ClarityType[] all = values();
    return prefix >= 0 && prefix < all.length ? all[prefix] : null;
  }
}
