package dev.frostgate.cli.support;

import dev.frostgate.crypto.hd.Network;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Parses --network values; an unknown name is a usage error (exit 2) that lists valid names. */
public final class NetworkConverter implements ITypeConverter<Network> {
  @Override
  public Network convert(String value) {
    try {
      return Network.fromName(value);
    } catch (RuntimeException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }
}
