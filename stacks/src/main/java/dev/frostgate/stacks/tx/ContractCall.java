package dev.frostgate.stacks.tx;

import dev.frostgate.stacks.address.StacksAddress;
import dev.frostgate.stacks.clarity.ClarityValue;
import dev.frostgate.stacks.clarity.Names;
import java.util.List;

/** A contract-call payload: contract (deployer and name), public function, arguments. */
public record ContractCall(
    StacksAddress contractAddress,
    String contractName,
    String functionName,
    List<ClarityValue> arguments) {

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

  public String contractId() {
    return contractAddress + "." + contractName;
  }
}
