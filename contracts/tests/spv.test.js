// The deposit proof, verified in Clarity: real mainnet data (block 413567) for the merkle branch and
// header hash, and a real Bitcoin Core regtest block for whole proofs, each accepted as is and
// rejected when one bit is wrong.
import { beforeEach, describe, expect, it } from "vitest";
import { Cl } from "@stacks/transactions";
import { ERR, World, fixture, hex, sharedVector } from "./helpers.js";
import { reverseHex, sha256d } from "../scripts/btc.js";

const mainnet = sharedVector("merkle-block413567.json");
const regtest = fixture("regtest-deposit.json");

/** Flips bit `bit` (0 = least significant) of byte `byte` in a hex string. */
function flip(h, byte, bit = 0) {
  const b = Buffer.from(h, "hex");
  b[byte] ^= 1 << bit;
  return b.toString("hex");
}

describe("merkle branches and headers of mainnet block 413567", () => {
  let w;
  beforeEach(async () => {
    w = await World.create();
  });

  const root = (txidInternal, index, branch) =>
    w.read("merkle-root-of", [hex(txidInternal), Cl.uint(index), Cl.list(branch.map(hex))]);

  it("every example branch leads to the header's merkle root (odd tx count, last tx paired with itself)", () => {
    const headerRoot = mainnet.header_hex.slice(72, 136);
    expect(headerRoot).toBe(mainnet.merkle_root_internal);
    for (const p of mainnet.example_proofs) {
      expect(root(reverseHex(p.txid), p.index, p.branch_internal_order)).toBe(headerRoot);
    }
  });

  it("one bit wrong in the txid, a branch hash or the index gives another root", () => {
    const p = mainnet.example_proofs[3];
    const txid = reverseHex(p.txid);
    const good = root(txid, p.index, p.branch_internal_order);
    expect(root(flip(txid, 31, 7), p.index, p.branch_internal_order)).not.toBe(good);
    for (let k = 0; k < p.branch_internal_order.length; k++) {
      const branch = [...p.branch_internal_order];
      branch[k] = flip(branch[k], 0);
      expect(root(txid, p.index, branch)).not.toBe(good);
    }
    expect(root(txid, p.index ^ 1, p.branch_internal_order)).not.toBe(good);
  });

  it("an index that does not fit the branch depth is refused", () => {
    const p = mainnet.example_proofs[0];
    expect(root(reverseHex(p.txid), 1 << 11, p.branch_internal_order)).toBeNull();
  });

  it("the header hashes to the mainnet block hash (display order)", () => {
    const h = sha256d(Buffer.from(mainnet.header_hex, "hex")).toString("hex");
    expect(w.read("reverse32", [hex(h)])).toBe(mainnet.block_hash_display);
  });
});

describe("deposit proof (Bitcoin Core regtest block)", () => {
  let w;
  let loanId;
  let height;

  beforeEach(async () => {
    w = await World.create();
    loanId = w.ok(w.createLoan({ collateral: BigInt(regtest.amount_sats) })).result.ok;
    w.agreeAddress(loanId, regtest.script_pubkey);
    height = w.simnet.burnBlockHeight;
    w.ok(w.call("set-test-burn-header", [Cl.uint(height), hex(regtest.block_hash_display)], w.owner));
    w.simnet.mineEmptyBurnBlocks(2);
  });

  const proof = (over = {}) => {
    const p = {
      tx: regtest.tx_hex_stripped,
      vout: regtest.vout,
      header: regtest.header_hex,
      height,
      index: regtest.tx_index,
      branch: regtest.branch_internal_order,
      ...over,
    };
    return [Cl.uint(loanId), hex(p.tx), Cl.uint(p.vout), hex(p.header), Cl.uint(p.height), Cl.uint(p.index), Cl.list(p.branch.map(hex))];
  };
  const submit = (over) => w.call("submit-deposit-proof", proof(over), w.lender).result;
  const rejected = (over, code) => expect(submit(over)).toEqual({ err: code });

  it("is accepted: the loan moves to auction with the proven txid, output and amount", () => {
    const res = w.ok(w.call("submit-deposit-proof", proof(), w.lender));
    const txid = reverseHex(regtest.txid_display);
    expect(res.events).toEqual([
      expect.objectContaining({ event: "deposit-confirmed", "loan-id": loanId, txid, vout: BigInt(regtest.vout), "amount-sats": BigInt(regtest.amount_sats) }),
    ]);
    const loan = w.loan(loanId);
    expect(loan.status).toBe("auction");
    expect(loan["deposit-txid"]).toBe(txid);
    expect(loan["deposit-sats"]).toBe(BigInt(regtest.amount_sats));
    // the loan is no longer awaiting a deposit: the same proof again is refused
    rejected({}, ERR.BAD_STATUS);
  });

  it("read-only verification reports the proven facts without changing state", () => {
    const r = w.read("verify-deposit-proof", proof());
    expect(r.ok.amount).toBe(BigInt(regtest.amount_sats));
    expect(w.loan(loanId).status).toBe("awaiting-deposit");
  });

  it("rejects one bit wrong anywhere in the transaction", () => {
    const bytes = regtest.tx_hex_stripped.length / 2;
    for (const byte of [0, 5, 40, 60, bytes - 60, bytes - 30, bytes - 1]) {
      const r = submit({ tx: flip(regtest.tx_hex_stripped, byte) });
      expect([ERR.BAD_TX, ERR.MERKLE_MISMATCH]).toContain(r.err);
    }
  });

  it("rejects one bit wrong in the output amount (the txid no longer matches)", () => {
    // the deposit output's 8-byte little-endian amount starts right after output 0
    const tx = Buffer.from(regtest.tx_hex_stripped, "hex");
    const amountLe = Buffer.alloc(8);
    amountLe.writeBigUInt64LE(BigInt(regtest.amount_sats));
    const at = tx.indexOf(amountLe);
    expect(at).toBeGreaterThan(0);
    rejected({ tx: flip(regtest.tx_hex_stripped, at) }, ERR.MERKLE_MISMATCH);
  });

  it("rejects one bit wrong in any branch hash", () => {
    regtest.branch_internal_order.forEach((_, k) => {
      const branch = [...regtest.branch_internal_order];
      branch[k] = flip(branch[k], 17, 3);
      rejected({ branch }, ERR.MERKLE_MISMATCH);
    });
  });

  it("rejects a wrong transaction index and an index beyond the branch depth", () => {
    rejected({ index: regtest.tx_index ^ 1 }, ERR.MERKLE_MISMATCH);
    rejected({ index: 1 << regtest.branch_internal_order.length }, ERR.BAD_INDEX);
  });

  it("rejects one bit wrong in the header (its hash is not the known block)", () => {
    for (const byte of [0, 10, 40, 70, 79]) rejected({ header: flip(regtest.header_hex, byte) }, ERR.UNKNOWN_HEADER);
  });

  it("rejects a header that is not the known block at the claimed height, or an unknown height", () => {
    rejected({ height: height - 1 }, ERR.UNKNOWN_HEADER);
    rejected({ height: height + 100 }, ERR.UNKNOWN_HEADER);
    rejected({ header: mainnet.header_hex }, ERR.UNKNOWN_HEADER);
  });

  it("rejects a merkle root that is not the header's (valid branch, other block)", () => {
    w.ok(w.call("set-test-burn-header", [Cl.uint(height), hex(mainnet.block_hash_display)], w.owner));
    rejected({ header: mainnet.header_hex }, ERR.MERKLE_MISMATCH);
  });

  it("requires 3 confirmations", async () => {
    w = await World.create();
    loanId = w.ok(w.createLoan({ collateral: BigInt(regtest.amount_sats) })).result.ok;
    w.agreeAddress(loanId, regtest.script_pubkey);
    height = w.simnet.burnBlockHeight;
    w.ok(w.call("set-test-burn-header", [Cl.uint(height), hex(regtest.block_hash_display)], w.owner));
    rejected({}, ERR.CONFIRMATIONS);
    w.simnet.mineEmptyBurnBlock();
    rejected({}, ERR.CONFIRMATIONS);
    w.simnet.mineEmptyBurnBlock();
    expect(submit()).toEqual({ ok: true });
  });

  it("rejects the wrong output (change, not the loan's address) and an output that does not exist", () => {
    rejected({ vout: regtest.other_vout }, ERR.WRONG_SCRIPT);
    rejected({ vout: 7 }, ERR.NO_SUCH_OUTPUT);
  });

  it("rejects a deposit to another script than the loan's agreed address", async () => {
    w = await World.create();
    loanId = w.ok(w.createLoan({ collateral: 10_000n })).result.ok;
    w.agreeAddress(loanId, "5120" + "ab".repeat(32));
    height = w.simnet.burnBlockHeight;
    w.ok(w.call("set-test-burn-header", [Cl.uint(height), hex(regtest.block_hash_display)], w.owner));
    w.simnet.mineEmptyBurnBlocks(2);
    rejected({}, ERR.WRONG_SCRIPT);
  });

  it("rejects an amount below the collateral (by one satoshi)", async () => {
    w = await World.create();
    loanId = w.ok(w.createLoan({ collateral: BigInt(regtest.amount_sats) + 1n })).result.ok;
    w.agreeAddress(loanId, regtest.script_pubkey);
    height = w.simnet.burnBlockHeight;
    w.ok(w.call("set-test-burn-header", [Cl.uint(height), hex(regtest.block_hash_display)], w.owner));
    w.simnet.mineEmptyBurnBlocks(2);
    rejected({}, ERR.AMOUNT_TOO_LOW);
  });

  it("rejects the segwit serialization, trailing bytes, a truncated transaction and a 64-byte one", () => {
    rejected({ tx: regtest.tx_hex_with_witness }, ERR.BAD_TX);
    rejected({ tx: regtest.tx_hex_stripped + "00" }, ERR.BAD_TX);
    rejected({ tx: regtest.tx_hex_stripped.slice(0, -2) }, ERR.BAD_TX);
    // 64 bytes that parse as a transaction (1 input with an empty script, 1 output with a 4-byte
    // script): the size of an inner merkle node, so refused before anything else
    const tx64 = "01000000" + "01" + "00".repeat(36) + "00" + "ffffffff" + "01" + "00".repeat(8) + "04" + "51515151" + "00000000";
    expect(tx64.length / 2).toBe(64);
    rejected({ tx: tx64 }, ERR.BAD_TX);
  });

  it("rejects a non-canonical CompactSize (an input count of 1 written in 3 bytes)", () => {
    expect(regtest.tx_hex_stripped.slice(8, 10)).toBe("01");
    const tx = regtest.tx_hex_stripped.slice(0, 8) + "fd0100" + regtest.tx_hex_stripped.slice(10);
    rejected({ tx }, ERR.BAD_TX);
  });

  it("rejects a proof for a loan whose address is not agreed yet", () => {
    const other = w.ok(w.createLoan({ collateral: 10_000n })).result.ok;
    const args = proof();
    args[0] = Cl.uint(other);
    expect(w.call("submit-deposit-proof", args, w.lender).result).toEqual({ err: ERR.BAD_STATUS });
  });

  it("refuses deposits while paused", () => {
    w.ok(w.call("set-paused", [Cl.bool(true)], w.owner));
    rejected({}, ERR.PAUSED);
  });

  it("header injection is the owner's only (and exists only off mainnet)", () => {
    expect(w.call("set-test-burn-header", [Cl.uint(1), hex("00".repeat(32))], w.lender).result).toEqual({ err: ERR.NOT_OWNER });
  });
});
