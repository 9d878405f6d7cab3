package dev.frostgate.regtest;

import dev.frostgate.bitcoin.rpcapi.RpcErrorCode;
import dev.frostgate.crypto.ec.Point;
import dev.frostgate.crypto.hd.Descriptor;
import dev.frostgate.crypto.hd.ExtendedPublicKey;
import dev.frostgate.crypto.hd.Network;
import dev.frostgate.crypto.hd.TaprootOutput;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * The output descriptors a watch-only wallet can import: {@code tr(KEY)} with KEY a hex key or an
 * xpub/tpub with an optional {@code [fingerprint/path]} origin, unhardened steps and a final {@code
 * /*}; {@code rawtr(XONLY)}; {@code addr(ADDRESS)}. Parsed once, derived per index.
 */
final class WalletDescriptor {
  private static final HexFormat HEX = HexFormat.of();

  /** One derived script. */
  record Derived(byte[] scriptPubKey, String inferredDesc) {}

  private final String text; // with checksum
  private final String kind; // tr, rawtr, addr
  private final ExtendedPublicKey base; // xpub after the fixed steps (null for a fixed key)
  private final Point fixedKey;
  private final byte[] fixedScript;
  private final boolean ranged;
  private final String originFingerprint;
  private final String originPath; // "/a/b" including the fixed steps after the xpub

  private WalletDescriptor(
      String text,
      String kind,
      ExtendedPublicKey base,
      Point fixedKey,
      byte[] fixedScript,
      boolean ranged,
      String originFingerprint,
      String originPath) {
    this.text = text;
    this.kind = kind;
    this.base = base;
    this.fixedKey = fixedKey;
    this.fixedScript = fixedScript;
    this.ranged = ranged;
    this.originFingerprint = originFingerprint;
    this.originPath = originPath;
  }

  /**
   * Parses {@code desc#checksum}.
   *
   * @throws RpcErrorReply -5 with Core's message for a missing or wrong checksum or a bad
   *     descriptor
   */
  static WalletDescriptor parse(String withChecksum) throws RpcErrorReply {
    int hash = withChecksum.lastIndexOf('#');
    if (hash < 0) {
      throw new RpcErrorReply(RpcErrorCode.RPC_INVALID_ADDRESS_OR_KEY, "Missing checksum");
    }
    String body = withChecksum.substring(0, hash);
    String given = withChecksum.substring(hash + 1);
    String expected = Descriptor.checksum(body);
    if (!expected.equals(given)) {
      throw new RpcErrorReply(
          RpcErrorCode.RPC_INVALID_ADDRESS_OR_KEY,
          "Provided checksum '" + given + "' does not match computed checksum '" + expected + "'");
    }
    try {
      return parseBody(body, withChecksum);
    } catch (RuntimeException e) {
      throw new RpcErrorReply(RpcErrorCode.RPC_INVALID_ADDRESS_OR_KEY, e.getMessage());
    }
  }

  private static WalletDescriptor parseBody(String body, String text) {
    int open = body.indexOf('(');
    if (open < 0 || !body.endsWith(")")) {
      throw new IllegalArgumentException("'" + body + "' is not a valid descriptor function");
    }
    String fn = body.substring(0, open);
    String arg = body.substring(open + 1, body.length() - 1);
    switch (fn) {
      case "addr" -> {
        byte[] spk = ScriptInfo.scriptForAddress(arg);
        return new WalletDescriptor(text, fn, null, null, spk, false, "", "");
      }
      case "rawtr" -> {
        byte[] x = HEX.parseHex(arg);
        if (x.length != 32) {
          throw new IllegalArgumentException("rawtr() requires a 32-byte x-only key");
        }
        byte[] spk = new byte[34];
        spk[0] = 0x51;
        spk[1] = 0x20;
        System.arraycopy(x, 0, spk, 2, 32);
        return new WalletDescriptor(text, fn, null, null, spk, false, "", "");
      }
      case "tr" -> {
        if (arg.contains(",")) {
          throw new IllegalArgumentException("tr() with a script tree is not supported");
        }
        String fp = null;
        String path = "";
        String key = arg;
        if (key.startsWith("[")) {
          int close = key.indexOf(']');
          if (close < 0) {
            throw new IllegalArgumentException(
                "Key origin start '[ character expected but not found");
          }
          String origin = key.substring(1, close);
          key = key.substring(close + 1);
          String[] parts = origin.split("/");
          if (parts[0].length() != 8 || !parts[0].matches("[0-9a-fA-F]{8}")) {
            throw new IllegalArgumentException("Fingerprint '" + parts[0] + "' is not hex");
          }
          fp = parts[0].toLowerCase(Locale.ROOT);
          StringBuilder sb = new StringBuilder();
          for (int i = 1; i < parts.length; i++) {
            sb.append('/').append(parts[i]);
          }
          path = sb.toString();
        }
        if (key.matches("[0-9a-fA-F]{64}") || key.matches("[0-9a-fA-F]{66}")) {
          byte[] k = HEX.parseHex(key);
          Point p = k.length == 32 ? Point.liftX(k) : Point.decode(k);
          return new WalletDescriptor(text, fn, null, p, null, false, fp == null ? "" : fp, path);
        }
        String[] steps = key.split("/");
        ExtendedPublicKey xpub = ExtendedPublicKey.parse(steps[0], Network.REGTEST);
        if (fp == null) {
          fp = String.format("%08x", xpub.fingerprint());
        }
        boolean ranged = false;
        StringBuilder p = new StringBuilder(path);
        for (int i = 1; i < steps.length; i++) {
          String s = steps[i];
          if (s.equals("*")) {
            if (i != steps.length - 1) {
              throw new IllegalArgumentException(
                  "'*' may only appear as last element in a derivation path");
            }
            ranged = true;
          } else if (s.endsWith("'") || s.endsWith("h") || s.endsWith("*'") || s.endsWith("*h")) {
            throw new IllegalArgumentException(
                "Hardened derivation from an extended public key is not possible: " + key);
          } else {
            long idx = Long.parseLong(s);
            if (idx < 0 || idx >= (1L << 31)) {
              throw new IllegalArgumentException("Key path value " + s + " is out of range");
            }
            xpub = xpub.deriveChild((int) idx);
            p.append('/').append(idx);
          }
        }
        return new WalletDescriptor(text, fn, xpub, null, null, ranged, fp, p.toString());
      }
      default ->
          throw new IllegalArgumentException(
              "'" + fn + "(' is not a supported descriptor function");
    }
  }

  String text() {
    return text;
  }

  boolean ranged() {
    return ranged;
  }

  /** The scripts for {@code [start, end]} (one script for a non-ranged descriptor). */
  List<Derived> derive(int start, int end) {
    List<Derived> out = new ArrayList<>();
    if (!ranged) {
      out.add(derive(0));
      return out;
    }
    for (int i = start; i <= end; i++) {
      out.add(derive(i));
    }
    return out;
  }

  Derived derive(int index) {
    if (fixedScript != null) {
      return new Derived(fixedScript.clone(), ScriptInfo.of(fixedScript).desc());
    }
    Point key;
    String path = originPath;
    if (fixedKey != null) {
      key = fixedKey;
    } else if (ranged) {
      key = base.deriveChild(index).key();
      path = path + "/" + index;
    } else {
      key = base.key();
    }
    TaprootOutput out = TaprootOutput.of(key);
    String origin = originFingerprint.isEmpty() ? "" : "[" + originFingerprint + path + "]";
    String inferred = Descriptor.withChecksum("tr(" + origin + HEX.formatHex(key.xOnly()) + ")");
    return new Derived(out.scriptPubKey(), inferred);
  }

  String kind() {
    return kind;
  }
}
