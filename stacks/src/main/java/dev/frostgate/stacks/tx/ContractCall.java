package dev.frostgate.stacks.tx;

import static dev.frostgate.stacks.StacksWire.writeName;
import static dev.frostgate.stacks.StacksWire.writeU32;

import dev.frostgate.stacks.address.StacksAddress;
import dev.frostgate.stacks.clarity.ClarityCodec;
import dev.frostgate.stacks.clarity.ClarityValue;
import dev.frostgate.stacks.clarity.Names;
import java.io.ByteArrayOutputStream;
import java.util.List;

/** A contract-call payload: contract (deployer and name), public function, arguments. */
public record ContractCall(
    StacksAddress contractAddress,
    String contractName,
    String functionName,
    List<ClarityValue> arguments) {

  static final int PAYLOAD_TYPE = 0x02;

  public ContractCall {
    Names.requireContractName(contractName);
    Names.requireClarityName(functionName);
    arguments = List.copyOf(arguments);
  }

  /** Parses "ADDRESS.contract-name". */
  public static ContractCall of(String contractId, String functionName, List<ClarityValue> args) {
    int dot = contractId.indexOf('.');
    if (dot < 0) {
      throw new IllegalArgumentException("contract id must be ADDRESS.name: '" + contractId + "'");
    }
    return new ContractCall(
        StacksAddress.parse(contractId.substring(0, dot)),
        contractId.substring(dot + 1),
        functionName,
        args);
  }

  /** The SIP-005 payload: type 0x02, contract address, contract name, function name, arguments. */
  public byte[] serialize() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(PAYLOAD_TYPE);
    out.write(contractAddress.version().value());
    out.writeBytes(contractAddress.hash160());
    writeName(contractName, out);
    writeName(functionName, out);
    writeU32(arguments.size(), out);
    for (ClarityValue arg : arguments) {
      out.writeBytes(ClarityCodec.serialize(arg));
    }
    return out.toByteArray();
  }

  public String contractId() {
    return contractAddress + "." + contractName;
  }
}
