// Bitcoin helpers shared by the tests, the fixture script and the devnode: double SHA-256, merkle
// branches, and the witness-stripped serialization of a transaction (the txid preimage).
import { createHash } from "node:crypto";

export const sha256d = (buf) =>
  createHash("sha256").update(createHash("sha256").update(buf).digest()).digest();

export const reverseHex = (hex) => Buffer.from(hex, "hex").reverse().toString("hex");

/** Merkle branch (internal byte order) for leaf `index` among `leaves` (internal order, Buffers). */
export function merkleBranch(leaves, index) {
  const branch = [];
  let level = leaves;
  let i = index;
  while (level.length > 1) {
    if (level.length % 2 === 1) level = [...level, level[level.length - 1]];
    branch.push(level[i ^ 1]);
    const next = [];
    for (let j = 0; j < level.length; j += 2) next.push(sha256d(Buffer.concat([level[j], level[j + 1]])));
    level = next;
    i >>= 1;
  }
  return { branch, root: level[0] };
}

function readVarint(buf, pos) {
  const f = buf[pos];
  if (f < 0xfd) return [f, pos + 1];
  if (f === 0xfd) return [buf.readUInt16LE(pos + 1), pos + 3];
  if (f === 0xfe) return [buf.readUInt32LE(pos + 1), pos + 5];
  return [Number(buf.readBigUInt64LE(pos + 1)), pos + 9];
}

/** The legacy (witness-stripped) serialization of a raw transaction, segwit or not. */
export function stripWitness(rawHex) {
  const buf = Buffer.from(rawHex, "hex");
  if (!(buf[4] === 0 && buf[5] === 1)) return buf;
  const parts = [buf.subarray(0, 4)];
  let pos = 6;
  const start = pos;
  let [nIn, p] = readVarint(buf, pos);
  pos = p;
  for (let k = 0; k < nIn; k++) {
    pos += 36;
    const [len, q] = readVarint(buf, pos);
    pos = q + len + 4;
  }
  const [nOut, r] = readVarint(buf, pos);
  pos = r;
  for (let k = 0; k < nOut; k++) {
    pos += 8;
    const [len, q] = readVarint(buf, pos);
    pos = q + len;
  }
  parts.push(buf.subarray(start, pos));
  parts.push(buf.subarray(buf.length - 4));
  return Buffer.concat(parts);
}
