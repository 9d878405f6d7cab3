package dev.frostgate.stacks.address;

/** Stacks address versions (the c32 character after 'S'). */
public enum AddressVersion {
  MAINNET_SINGLE_SIG(22, 'P'),
  MAINNET_MULTI_SIG(20, 'M'),
  TESTNET_SINGLE_SIG(26, 'T'),
  TESTNET_MULTI_SIG(21, 'N');

  private final int value;
  private final char letter;

  AddressVersion(int value, char letter) {
    this.value = value;
    this.letter = letter;
  }

  public int value() {
    return value;
  }

  /** The second character of addresses of this version ("SP", "SM", "ST", "SN"). */
  public char letter() {
    return letter;
  }

  public boolean mainnet() {
    return this == MAINNET_SINGLE_SIG || this == MAINNET_MULTI_SIG;
  }

  public static AddressVersion of(int value) {
    for (AddressVersion v : values()) {
      if (v.value == value) {
        return v;
      }
    }
    throw new StacksAddressException("unknown Stacks address version " + value);
  }
}
