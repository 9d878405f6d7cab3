package dev.frostgate.regtest;

import dev.frostgate.crypto.hd.Base58;
import dev.frostgate.crypto.hd.Descriptor;
import dev.frostgate.crypto.hd.Network;
import dev.frostgate.crypto.hd.SegwitAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What Core's {@code ScriptToUniv} shows for a scriptPubKey: asm, type, address, descriptor. */
record ScriptInfo(String asm, String type, Optional<String> address, String desc, String hex) {

  private static final HexFormat HEX = HexFormat.of();
  static final int P2PKH_PREFIX = 0x6f;
  static final int P2SH_PREFIX = 0xc4;

  private static final Map<Integer, String> OPCODES =
      Map.ofEntries(
          Map.entry(0x4f, "-1"),
          Map.entry(0x50, "OP_RESERVED"),
          Map.entry(0x61, "OP_NOP"),
          Map.entry(0x63, "OP_IF"),
          Map.entry(0x64, "OP_NOTIF"),
          Map.entry(0x67, "OP_ELSE"),
          Map.entry(0x68, "OP_ENDIF"),
          Map.entry(0x69, "OP_VERIFY"),
          Map.entry(0x6a, "OP_RETURN"),
          Map.entry(0x73, "OP_IFDUP"),
          Map.entry(0x74, "OP_DEPTH"),
          Map.entry(0x75, "OP_DROP"),
          Map.entry(0x76, "OP_DUP"),
          Map.entry(0x7c, "OP_SWAP"),
          Map.entry(0x82, "OP_SIZE"),
          Map.entry(0x87, "OP_EQUAL"),
          Map.entry(0x88, "OP_EQUALVERIFY"),
          Map.entry(0x93, "OP_ADD"),
          Map.entry(0x9c, "OP_NUMEQUAL"),
          Map.entry(0xa8, "OP_SHA256"),
          Map.entry(0xa9, "OP_HASH160"),
          Map.entry(0xaa, "OP_HASH256"),
          Map.entry(0xab, "OP_CODESEPARATOR"),
          Map.entry(0xac, "OP_CHECKSIG"),
          Map.entry(0xad, "OP_CHECKSIGVERIFY"),
          Map.entry(0xae, "OP_CHECKMULTISIG"),
          Map.entry(0xaf, "OP_CHECKMULTISIGVERIFY"),
          Map.entry(0xb1, "OP_CHECKLOCKTIMEVERIFY"),
          Map.entry(0xb2, "OP_CHECKSEQUENCEVERIFY"),
          Map.entry(0xba, "OP_CHECKSIGADD"));

  static ScriptInfo of(byte[] s) {
    String hex = HEX.formatHex(s);
    String asm = asm(s);
    String type;
    Optional<String> address = Optional.empty();
    String desc;
    int witnessVersion = witnessVersion(s);
    if (witnessVersion >= 0) {
      byte[] program = Arrays.copyOfRange(s, 2, s.length);
      String addr = SegwitAddress.of(Network.REGTEST, witnessVersion, program).encode();
      address = Optional.of(addr);
      if (witnessVersion == 1 && program.length == 32) {
        type = "witness_v1_taproot";
        desc = "rawtr(" + HEX.formatHex(program) + ")";
      } else if (witnessVersion == 0 && program.length == 20) {
        type = "witness_v0_keyhash";
        desc = "addr(" + addr + ")";
      } else if (witnessVersion == 0 && program.length == 32) {
        type = "witness_v0_scripthash";
        desc = "addr(" + addr + ")";
      } else if (witnessVersion == 0) {
        type = "nonstandard";
        address = Optional.empty();
        desc = "raw(" + hex + ")";
      } else {
        type = "witness_unknown";
        desc = "addr(" + addr + ")";
      }
    } else if (s.length == 25
        && (s[0] & 0xff) == 0x76
        && (s[1] & 0xff) == 0xa9
        && s[2] == 20
        && (s[23] & 0xff) == 0x88
        && (s[24] & 0xff) == 0xac) {
      type = "pubkeyhash";
      address = Optional.of(base58(P2PKH_PREFIX, Arrays.copyOfRange(s, 3, 23)));
      desc = "addr(" + address.get() + ")";
    } else if (s.length == 23 && (s[0] & 0xff) == 0xa9 && s[1] == 20 && (s[22] & 0xff) == 0x87) {
      type = "scripthash";
      address = Optional.of(base58(P2SH_PREFIX, Arrays.copyOfRange(s, 2, 22)));
      desc = "addr(" + address.get() + ")";
    } else if (s.length > 0 && (s[0] & 0xff) == 0x6a) {
      type = "nulldata";
      desc = "raw(" + hex + ")";
    } else if ((s.length == 35 && s[0] == 33 || s.length == 67 && s[0] == 65)
        && (s[s.length - 1] & 0xff) == 0xac) {
      type = "pubkey";
      desc = "pk(" + HEX.formatHex(s, 1, s.length - 1) + ")";
    } else {
      type = "nonstandard";
      desc = "raw(" + hex + ")";
    }
    return new ScriptInfo(asm, type, address, Descriptor.withChecksum(desc), hex);
  }

  /** Witness version 0..16 if {@code s} is a witness program (BIP141), else -1. */
  static int witnessVersion(byte[] s) {
    if (s.length < 4 || s.length > 42) {
      return -1;
    }
    int op = s[0] & 0xff;
    if (op != 0 && (op < 0x51 || op > 0x60)) {
      return -1;
    }
    if ((s[1] & 0xff) + 2 != s.length) {
      return -1;
    }
    return op == 0 ? 0 : op - 0x50;
  }

  static boolean isUnspendable(byte[] s) {
    return s.length > 0 && (s[0] & 0xff) == 0x6a || s.length > 10_000;
  }

  static String base58(int prefix, byte[] hash20) {
    byte[] payload = new byte[21];
    payload[0] = (byte) prefix;
    System.arraycopy(hash20, 0, payload, 1, 20);
    return Base58.encodeCheck(payload);
  }

  /**
   * scriptPubKey for a regtest address: bech32/bech32m segwit, or base58 P2PKH/P2SH.
   *
   * @throws IllegalArgumentException with a Core-like message if the address is invalid
   */
  static byte[] scriptForAddress(String address) {
    if (address.toLowerCase().startsWith("bcrt1")) {
      try {
        return SegwitAddress.decode(address, Network.REGTEST).scriptPubKey();
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("Invalid or unsupported Segwit (Bech32) encoding.");
      }
    }
    byte[] payload;
    try {
      payload = Base58.decodeCheck(address);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "Invalid or unsupported Segwit (Bech32) or Base58 encoding.");
    }
    if (payload.length == 21 && (payload[0] & 0xff) == P2PKH_PREFIX) {
      byte[] s = new byte[25];
      s[0] = 0x76;
      s[1] = (byte) 0xa9;
      s[2] = 20;
      System.arraycopy(payload, 1, s, 3, 20);
      s[23] = (byte) 0x88;
      s[24] = (byte) 0xac;
      return s;
    }
    if (payload.length == 21 && (payload[0] & 0xff) == P2SH_PREFIX) {
      byte[] s = new byte[23];
      s[0] = (byte) 0xa9;
      s[1] = 20;
      System.arraycopy(payload, 1, s, 2, 20);
      s[22] = (byte) 0x87;
      return s;
    }
    throw new IllegalArgumentException("Invalid or unsupported Base58-encoded address.");
  }

  /** Core's {@code ScriptToAsmStr} without signature hash-type decoding. */
  static String asm(byte[] s) {
    List<String> parts = new ArrayList<>();
    int i = 0;
    while (i < s.length) {
      int op = s[i++] & 0xff;
      if (op <= 0x4e) {
        int len;
        if (op < 0x4c) {
          len = op;
        } else {
          int n = op == 0x4c ? 1 : op == 0x4d ? 2 : 4;
          if (i + n > s.length) {
            parts.add("[error]");
            break;
          }
          len = 0;
          for (int k = 0; k < n; k++) {
            len |= (s[i + k] & 0xff) << (8 * k);
          }
          i += n;
        }
        if (len < 0 || i + len > s.length) {
          parts.add("[error]");
          break;
        }
        byte[] data = Arrays.copyOfRange(s, i, i + len);
        i += len;
        parts.add(data.length <= 4 ? Long.toString(scriptNum(data)) : HEX.formatHex(data));
      } else if (op >= 0x51 && op <= 0x60) {
        parts.add(Integer.toString(op - 0x50));
      } else {
        parts.add(
            OPCODES.getOrDefault(
                op, op >= 0xb0 && op <= 0xb9 ? "OP_NOP" + (op - 0xaf) : "OP_UNKNOWN"));
      }
    }
    return String.join(" ", parts);
  }

  static long scriptNum(byte[] v) {
    if (v.length == 0) {
      return 0;
    }
    long result = 0;
    for (int i = 0; i < v.length; i++) {
      result |= (long) (v[i] & 0xff) << (8 * i);
    }
    if ((v[v.length - 1] & 0x80) != 0) {
      return -(result & ~(0x80L << (8 * (v.length - 1))));
    }
    return result;
  }
}
