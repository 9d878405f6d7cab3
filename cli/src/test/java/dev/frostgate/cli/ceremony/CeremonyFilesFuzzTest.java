package dev.frostgate.cli.ceremony;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.frostgate.crypto.ec.CryptoException;
import dev.frostgate.crypto.frost.SigningNonces;
import dev.frostgate.node.keystore.KeyStoreException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Coverage-guided fuzzing of the offline ceremony's file readers, one for every kind of file the
 * CLI reads: the first input byte picks the reader, the rest is the file. A reader returns, or
 * fails the way the CLI reports as bad input or a failed check ({@link CeremonyException}, {@link
 * CryptoException}, {@link KeyStoreException}); anything else is an "internal error" of the CLI. No
 * message may contain a 64-digit hex value of the file (secret shares, nonces and keys are written
 * that way). Readers that cross-check against other files get those of a committed 2-of-3 ceremony
 * ({@code fuzz-fixture/}, written with {@code --insecure-plaintext}), whose files are also the
 * seeds. When a file format changes, run the 2-of-3 steps of docs/ceremony.md with {@code
 * --insecure-plaintext} (a raw message signed by 1 and 2), copy participant 1's key, the package
 * and the roster into {@code fuzz-fixture/}, and write each seed as its reader's index in {@link
 * #READERS} (one byte) followed by participant 1's file of that kind (the nonces file before {@code
 * sign share} consumes it).
 */
class CeremonyFilesFuzzTest {
  private static final Path FIXTURE = fixture();
  private static final SecretStore PLAIN = SecretStore.insecurePlaintext();
  private static final CertificateFiles.Roster ROSTER =
      CertificateFiles.readRoster(FIXTURE.resolve("roster.json"));
  private static final KeyFiles.KeyFile KEY =
      KeyFiles.readKey(FIXTURE.resolve("key-1.json"), PLAIN);
  private static final SigningFiles.PackageFile PACKAGE =
      SigningFiles.readPackage(FIXTURE.resolve("package.json"), KEY::xpub);
  private static final Path FILE = scratchFile();

  /** 64 hex digits in a row: how the files write secret scalars. */
  private static final Pattern SCALAR = Pattern.compile("[0-9a-f]{64}");

  /** The readers, in the order the first input byte selects them. */
  static final List<Consumer<Path>> READERS =
      List.of(
          p -> CertificateFiles.readIdentity(p, PLAIN),
          CertificateFiles::readPublicIdentity,
          CertificateFiles::readRoster,
          p -> DkgFiles.readRound1Secret(p, PLAIN),
          p -> DkgFiles.readRound1Package(p, KEY.raw().suite(), "the fixture's key"),
          p -> DkgFiles.readRound2Secret(p, PLAIN),
          p -> {
            SealedShareFiles.recipient(p);
            SealedShareFiles.read(p, ROSTER);
          },
          p -> ComplaintFiles.judge(p, ROSTER),
          p -> KeyFiles.readKey(p, PLAIN),
          KeyFiles::readPublic,
          CertificateFiles::readCertificateSignature,
          SigningFiles::readCommitment,
          p -> SigningFiles.readNonces(p, KEY, PLAIN).forEach(SigningNonces::discard),
          p -> SigningFiles.readPackage(p, KEY::xpub),
          p -> SigningFiles.readShare(p, PACKAGE));

  @FuzzTest
  @DictionaryEntries({
    "\"type\"",
    "\"version\"",
    "\"ciphersuite\"",
    "\"identifier\"",
    "\"secret\"",
    "\"insecure_plaintext\"",
    "\"sealed\"",
    "frostgate/",
    "FROST-secp256k1-SHA256-TR-v1",
    "FROST-secp256k1-SHA256-v1",
    "\"fresh\"",
    "\"used\"",
    "\"state\"",
    "\"group_key\"",
    "\"epoch\"",
    "\"participants\"",
    "\"threshold\"",
    "\"commitment\"",
    "\"dealer\"",
    "\"recipient\"",
    "\"accuser\"",
    "\"accused\"",
    "frostgate/share-complaint"
  })
  void read(byte[] data) throws IOException {
    if (data.length == 0) {
      return;
    }
    Consumer<Path> reader = READERS.get((data[0] & 0xff) % READERS.size());
    byte[] file = Arrays.copyOfRange(data, 1, data.length);
    Files.write(FILE, file);
    try {
      reader.accept(FILE);
    } catch (CeremonyException | CryptoException | KeyStoreException e) {
      String text = new String(file, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
      Matcher m = SCALAR.matcher(String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT));
      while (m.find()) {
        assertThat(text).as("a value of the file in: %s", e.getMessage()).doesNotContain(m.group());
      }
    }
  }

  private static Path fixture() {
    try {
      return Path.of(CeremonyFilesFuzzTest.class.getResource("fuzz-fixture").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Path scratchFile() {
    try {
      Path dir = Files.createTempDirectory("frostgate-ceremony-fuzz");
      dir.toFile().deleteOnExit();
      Path f = dir.resolve("file.json");
      f.toFile().deleteOnExit();
      return f;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
