package dev.frostgate.cli;

import dev.frostgate.cli.ceremony.SecretStore;
import dev.frostgate.cli.support.BadInputException;
import dev.frostgate.node.keystore.EncryptedFileKeyStore;
import dev.frostgate.node.keystore.KdfParameters;
import dev.frostgate.node.keystore.Pkcs11Config;
import dev.frostgate.node.keystore.Pkcs11KeyStore;
import java.io.Console;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * How a ceremony command protects the secret files it writes and opens those it reads: with a
 * passphrase (Argon2id + AES-256-GCM: {@link EncryptedFileKeyStore}), with the non-extractable key
 * of a PKCS#11 token ({@link Pkcs11KeyStore}), or, for tests only, in the clear. The passphrase
 * comes from a file, an environment variable or a prompt without echo; never from the command line,
 * where other users and shell histories would see it.
 */
final class SecretOptions {
  /** Argon2id for tests only: 256 KiB, 1 pass (production: {@link KdfParameters#DEFAULT}). */
  static final KdfParameters TEST_KDF = new KdfParameters(256, 1, 1);

  @Option(
      names = "--passphrase-file",
      paramLabel = "FILE",
      description =
          "key store passphrase: the content of FILE (one trailing newline ignored); secret files"
              + " are sealed with Argon2id (64 MiB, 3 passes) and AES-256-GCM")
  Path passphraseFile;

  @Option(
      names = "--passphrase-env",
      paramLabel = "NAME",
      description = "key store passphrase: the value of environment variable NAME")
  String passphraseEnv;

  @Option(
      names = "--pkcs11-library",
      paramLabel = "PATH",
      description =
          "seal secret files with the AES key of a PKCS#11 token instead (e.g."
              + " /usr/lib/softhsm/libsofthsm2.so, a YubiHSM 2 or cloud HSM module)")
  Path pkcs11Library;

  @Option(
      names = "--pkcs11-slot",
      paramLabel = "INDEX",
      defaultValue = "0",
      description = "index into the module's list of token slots (default: ${DEFAULT-VALUE})")
  int pkcs11Slot;

  @Option(
      names = "--pkcs11-pin-env",
      paramLabel = "NAME",
      description = "environment variable holding the token's user PIN")
  String pkcs11PinEnv;

  @Option(
      names = "--pkcs11-key-label",
      paramLabel = "LABEL",
      defaultValue = Pkcs11Config.DEFAULT_KEY_LABEL,
      description =
          "label of the token's AES key (created on first use; default: ${DEFAULT-VALUE})")
  String pkcs11KeyLabel;

  @Option(
      names = "--insecure-plaintext",
      description =
          "FOR TESTS ONLY: write secret files in the clear (they say so) and read such files")
  boolean insecurePlaintext;

  @Option(names = "--insecure-test-kdf", hidden = true)
  boolean testKdf;

  /**
   * Opens the store the options name. Without any option it prompts for the passphrase on the
   * terminal (twice when {@code confirm}: the command only creates secrets).
   *
   * @throws BadInputException if the options conflict or no passphrase is available
   */
  SecretStore open(CommandSpec spec, boolean confirm) {
    return open(spec, confirm, System.getenv());
  }

  SecretStore open(CommandSpec spec, boolean confirm, Map<String, String> env) {
    List<String> given = new ArrayList<>();
    if (passphraseFile != null) {
      given.add("--passphrase-file");
    }
    if (passphraseEnv != null) {
      given.add("--passphrase-env");
    }
    if (pkcs11Library != null) {
      given.add("--pkcs11-library");
    }
    if (insecurePlaintext) {
      given.add("--insecure-plaintext");
    }
    if (given.size() > 1) {
      throw new BadInputException(
          "give one way to protect secret files, not " + String.join(" and ", given));
    }
    String name = spec.qualifiedName();
    if (insecurePlaintext) {
      spec.commandLine()
          .getErr()
          .println(
              name
                  + ": warning: --insecure-plaintext: secret files are written and read in the"
                  + " clear (tests only)");
      return SecretStore.insecurePlaintext();
    }
    if (pkcs11Library != null) {
      if (pkcs11PinEnv == null) {
        throw new BadInputException(
            "--pkcs11-library needs --pkcs11-pin-env NAME (the variable holding the token PIN)");
      }
      Pkcs11Config config =
          new Pkcs11Config(pkcs11Library, pkcs11Slot, pkcs11PinEnv, pkcs11KeyLabel, Path.of("."));
      return SecretStore.sealedBy(
          Pkcs11KeyStore.openWithPinFrom(config, env),
          "PKCS#11 token key '" + pkcs11KeyLabel + "' (AES-256-GCM)");
    }
    char[] passphrase = passphrase(spec, confirm, env);
    KdfParameters kdf = testKdf ? TEST_KDF : KdfParameters.DEFAULT;
    if (testKdf) {
      spec.commandLine()
          .getErr()
          .println(name + ": warning: --insecure-test-kdf: weak Argon2id parameters (tests only)");
    }
    try {
      // The directory is where KeyStore.store would put node key files; the ceremony seals its
      // files at the paths the operator names (sealSecret) and never uses it.
      return SecretStore.sealedBy(
          new EncryptedFileKeyStore(Path.of("."), passphrase, kdf, new SecureRandom()),
          "passphrase (Argon2id + AES-256-GCM)");
    } finally {
      Arrays.fill(passphrase, '\0');
    }
  }

  private char[] passphrase(CommandSpec spec, boolean confirm, Map<String, String> env) {
    if (passphraseFile != null) {
      return fromFile(passphraseFile);
    }
    if (passphraseEnv != null) {
      String v = env.get(passphraseEnv);
      if (v == null || v.isEmpty()) {
        throw new BadInputException(
            "--passphrase-env: environment variable " + passphraseEnv + " is not set or empty");
      }
      return v.toCharArray();
    }
    Console console = Terminal.console().orElse(null);
    if (console == null) {
      throw new BadInputException(
          "secret files need a passphrase: give --passphrase-file FILE or --passphrase-env NAME,"
              + " or run in a terminal to be asked (or --pkcs11-library for a token)");
    }
    char[] first = console.readPassword("Key store passphrase for %s: ", spec.qualifiedName());
    if (first == null || first.length == 0) {
      throw new BadInputException("no passphrase entered");
    }
    if (confirm) {
      char[] again = console.readPassword("Repeat the passphrase: ");
      boolean same = again != null && Arrays.equals(first, again);
      if (again != null) {
        Arrays.fill(again, '\0');
      }
      if (!same) {
        Arrays.fill(first, '\0');
        throw new BadInputException("the two passphrases differ; nothing was written");
      }
    }
    return first;
  }

  /** The file's content as UTF-8, without one trailing line break; the bytes are wiped. */
  static char[] fromFile(Path file) {
    byte[] raw;
    try {
      raw = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new BadInputException("--passphrase-file " + file + ": no such file");
    } catch (java.io.IOException e) {
      throw new BadInputException(
          "--passphrase-file " + file + ": cannot read (" + e.getClass().getSimpleName() + ")");
    }
    int end = raw.length;
    if (end > 0 && raw[end - 1] == '\n') {
      end--;
      if (end > 0 && raw[end - 1] == '\r') {
        end--;
      }
    }
    CharBuffer chars = null;
    try {
      chars =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(raw, 0, end));
      char[] out = new char[chars.remaining()];
      chars.get(out);
      if (out.length == 0) {
        throw new BadInputException("--passphrase-file " + file + ": is empty");
      }
      return out;
    } catch (CharacterCodingException e) {
      throw new BadInputException("--passphrase-file " + file + ": is not UTF-8 text");
    } finally {
      Arrays.fill(raw, (byte) 0);
      if (chars != null) {
        Arrays.fill(chars.array(), '\0');
      }
    }
  }
}
