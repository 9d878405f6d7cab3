package dev.frostgate.stacks.tx;

import dev.frostgate.stacks.address.AddressVersion;

/** Transaction version byte, chain id and single-signature address version of a Stacks network. */
public enum StacksNetwork {
  MAINNET(0x00, 0x00000001, AddressVersion.MAINNET_SINGLE_SIG),
  TESTNET(0x80, 0x80000000, AddressVersion.TESTNET_SINGLE_SIG);

  private final int transactionVersion;
  private final int chainId;
  private final AddressVersion addressVersion;

  StacksNetwork(int transactionVersion, int chainId, AddressVersion addressVersion) {
    this.transactionVersion = transactionVersion;
    this.chainId = chainId;
    this.addressVersion = addressVersion;
  }

  public int transactionVersion() {
    return transactionVersion;
  }

  public int chainId() {
    return chainId;
  }

  public AddressVersion addressVersion() {
    return addressVersion;
  }
}
