// Every public function of loan-protocol-v2: success and failure paths.
import { beforeEach, describe, expect, it } from "vitest";
import { Cl } from "@stacks/transactions";
import { ERR, World, fixture, hex, testKey } from "./helpers.js";
import { reverseHex } from "../scripts/btc.js";

const regtest = fixture("regtest-deposit.json");
const TAPROOT = "5120" + "cd".repeat(32);
const BORROWER_SCRIPT = "0014" + "11".repeat(20);
const LENDER_SCRIPT = "5120" + "22".repeat(32);
const err = (code) => ({ err: code });

describe("administration", () => {
  let w;
  beforeEach(async () => {
    w = await World.create();
  });

  it("registers validators under the principal derived from their key", () => {
    const key = testKey("validator-9");
    const res = w.ok(w.call("register-validator", [Cl.uint(9), hex(key.pub)], w.owner));
    expect(res.result.ok).toBe(key.address);
    expect(res.events[0]).toMatchObject({ event: "validator-registered", validator: key.address, "validator-id": 9n, "public-key": key.pub });
    expect(w.read("get-validator", [Cl.principal(key.address)])).toEqual({ "validator-id": 9n, "public-key": key.pub, active: true });
    expect(w.read("get-config")["active-validators"]).toBe(6n);
  });

  it("refuses registration by others, duplicate ids or keys, and invalid keys", () => {
    const key = testKey("validator-9");
    expect(w.call("register-validator", [Cl.uint(9), hex(key.pub)], w.lender).result).toEqual(err(ERR.NOT_OWNER));
    expect(w.call("register-validator", [Cl.uint(1), hex(key.pub)], w.owner).result).toEqual(err(ERR.VALIDATOR_EXISTS));
    expect(w.call("register-validator", [Cl.uint(9), hex(testKey("validator-1").pub)], w.owner).result).toEqual(err(ERR.VALIDATOR_EXISTS));
    expect(w.call("register-validator", [Cl.uint(9), hex("02" + "00".repeat(32))], w.owner).result).toEqual(err(ERR.BAD_KEY));
  });

  it("sets the threshold to a strict majority of the active validators only", () => {
    expect(w.call("set-signing-threshold", [Cl.uint(0)], w.owner).result).toEqual(err(ERR.BAD_THRESHOLD));
    expect(w.call("set-signing-threshold", [Cl.uint(2)], w.owner).result).toEqual(err(ERR.BAD_THRESHOLD));
    expect(w.call("set-signing-threshold", [Cl.uint(6)], w.owner).result).toEqual(err(ERR.BAD_THRESHOLD));
    expect(w.call("set-signing-threshold", [Cl.uint(4)], w.lender).result).toEqual(err(ERR.NOT_OWNER));
    const res = w.ok(w.call("set-signing-threshold", [Cl.uint(4)], w.owner));
    expect(res.events[0]).toEqual({ event: "threshold-changed", threshold: 4n, validators: 5n });
  });

  it("deactivates validators but never below the threshold", () => {
    const v = Cl.principal(w.validators[0]);
    w.ok(w.call("set-validator-active", [v, Cl.bool(false)], w.owner));
    w.ok(w.call("set-validator-active", [Cl.principal(w.validators[1]), Cl.bool(false)], w.owner));
    expect(w.call("set-validator-active", [Cl.principal(w.validators[2]), Cl.bool(false)], w.owner).result).toEqual(err(ERR.BAD_THRESHOLD));
    expect(w.call("set-validator-active", [v, Cl.bool(true)], w.lender).result).toEqual(err(ERR.NOT_OWNER));
    expect(w.call("set-validator-active", [Cl.principal(w.lender), Cl.bool(true)], w.owner).result).toEqual(err(ERR.NOT_VALIDATOR));
    w.ok(w.call("set-validator-active", [v, Cl.bool(true)], w.owner));
    expect(w.read("get-config")["active-validators"]).toBe(4n);
  });

  it("pauses and unpauses (owner only), and hands ownership over", () => {
    expect(w.call("set-paused", [Cl.bool(true)], w.lender).result).toEqual(err(ERR.NOT_OWNER));
    expect(w.ok(w.call("set-paused", [Cl.bool(true)], w.owner)).events).toEqual([{ event: "paused" }]);
    expect(w.createLoan().result).toEqual(err(ERR.PAUSED));
    w.ok(w.call("set-paused", [Cl.bool(false)], w.owner));
    w.ok(w.createLoan());
    expect(w.call("set-contract-owner", [Cl.principal(w.lender)], w.borrower).result).toEqual(err(ERR.NOT_OWNER));
    w.ok(w.call("set-contract-owner", [Cl.principal(w.lender)], w.owner));
    expect(w.call("set-paused", [Cl.bool(true)], w.owner).result).toEqual(err(ERR.NOT_OWNER));
    w.ok(w.call("set-paused", [Cl.bool(true)], w.lender));
  });
});

describe("loan creation and the validators' address", () => {
  let w;
  beforeEach(async () => {
    w = await World.create();
  });

  it("creates loans with increasing ids and a bitcoin-address-needed event", () => {
    const a = w.ok(w.createLoan());
    expect(a.result.ok).toBe(1n);
    expect(a.events[0]).toMatchObject({ event: "bitcoin-address-needed", "loan-id": 1n, borrower: w.borrower, "collateral-sats": 40_000_000n });
    expect(w.ok(w.createLoan()).result.ok).toBe(2n);
    expect(w.loan(1n).status).toBe("awaiting-address");
  });

  it("refuses bad parameters and non-standard borrower scripts", () => {
    expect(w.createLoan({ loanAmount: 0n }).result).toEqual(err(ERR.BAD_PARAMS));
    expect(w.createLoan({ maxRepayment: 999_999n }).result).toEqual(err(ERR.BAD_PARAMS));
    expect(w.createLoan({ collateral: 9_999n }).result).toEqual(err(ERR.BAD_PARAMS));
    expect(w.createLoan({ duration: 0n }).result).toEqual(err(ERR.BAD_PARAMS));
    expect(w.createLoan({ auctionBlocks: 0n }).result).toEqual(err(ERR.BAD_PARAMS));
    expect(w.createLoan({ borrowerScript: "0015" + "11".repeat(20) }).result).toEqual(err(ERR.BAD_SCRIPT));
    expect(w.createLoan({ borrowerScript: "6a" }).result).toEqual(err(ERR.BAD_SCRIPT));
    for (const ok of ["76a914" + "33".repeat(20) + "88ac", "a914" + "33".repeat(20) + "87", "0020" + "33".repeat(32), TAPROOT]) {
      w.ok(w.createLoan({ borrowerScript: ok }));
    }
  });

  it("stores the address when M of N validators submit the same scriptPubKey, then deposit-ready", () => {
    const id = w.ok(w.createLoan()).result.ok;
    const first = w.ok(w.call("submit-bitcoin-address", [Cl.uint(id), hex(TAPROOT)], w.validators[0]));
    expect(first.result.ok).toBe(false);
    expect(first.events[0]).toMatchObject({ event: "address-vote", "validator-id": 1n, votes: 1n });
    // a dissenting validator does not count towards the others' script
    w.ok(w.call("submit-bitcoin-address", [Cl.uint(id), hex("5120" + "ee".repeat(32))], w.validators[1]));
    w.ok(w.call("submit-bitcoin-address", [Cl.uint(id), hex(TAPROOT)], w.validators[2]));
    expect(w.loan(id).status).toBe("awaiting-address");
    const third = w.ok(w.call("submit-bitcoin-address", [Cl.uint(id), hex(TAPROOT)], w.validators[3]));
    expect(third.result.ok).toBe(true);
    expect(third.events[1]).toEqual({ event: "deposit-ready", "loan-id": id, script: TAPROOT, "collateral-sats": 40_000_000n });
    expect(w.loan(id)).toMatchObject({ status: "awaiting-deposit", "deposit-script": TAPROOT });
    // once agreed, further votes are refused
    expect(w.call("submit-bitcoin-address", [Cl.uint(id), hex(TAPROOT)], w.validators[4]).result).toEqual(err(ERR.BAD_STATUS));
  });

  it("refuses address votes from non-validators, inactive validators, twice, non-Taproot scripts, unknown loans, reused scripts", () => {
    const id = w.ok(w.createLoan()).result.ok;
    const vote = (who, script = TAPROOT, loan = id) => w.call("submit-bitcoin-address", [Cl.uint(loan), hex(script)], who).result;
    expect(vote(w.lender)).toEqual(err(ERR.NOT_VALIDATOR));
    w.ok(w.call("set-validator-active", [Cl.principal(w.validators[4]), Cl.bool(false)], w.owner));
    expect(vote(w.validators[4])).toEqual(err(ERR.VALIDATOR_INACTIVE));
    expect(vote(w.validators[0], "0014" + "11".repeat(20))).toEqual(err(ERR.BAD_SCRIPT));
    expect(vote(w.validators[0], "5121" + "11".repeat(32))).toEqual(err(ERR.BAD_SCRIPT));
    expect(vote(w.validators[0], TAPROOT, 99)).toEqual(err(ERR.LOAN_NOT_FOUND));
    expect(vote(w.validators[0])).toEqual({ ok: false });
    expect(vote(w.validators[0])).toEqual(err(ERR.ALREADY_VOTED));
    for (const v of w.validators.slice(1, 3)) w.ok(w.call("submit-bitcoin-address", [Cl.uint(id), hex(TAPROOT)], v));
    const other = w.ok(w.createLoan()).result.ok;
    expect(vote(w.validators[0], TAPROOT, other)).toEqual(err(ERR.SCRIPT_IN_USE));
    w.ok(w.call("set-paused", [Cl.bool(true)], w.owner));
    expect(vote(w.validators[1], "5120" + "01".repeat(32), other)).toEqual(err(ERR.PAUSED));
  });

  it("lets the borrower cancel before the deposit, nobody else", () => {
    const id = w.ok(w.createLoan()).result.ok;
    expect(w.call("cancel-loan", [Cl.uint(id)], w.lender).result).toEqual(err(ERR.NOT_BORROWER));
    expect(w.ok(w.call("cancel-loan", [Cl.uint(id)], w.borrower)).events[0]).toEqual({ event: "loan-cancelled", "loan-id": id });
    expect(w.call("cancel-loan", [Cl.uint(id)], w.borrower).result).toEqual(err(ERR.BAD_STATUS));
    expect(w.call("cancel-loan", [Cl.uint(42)], w.borrower).result).toEqual(err(ERR.LOAN_NOT_FOUND));
  });
});

/** A loan with its deposit proven (the regtest block): in auction, auction ending in 10 blocks. */
async function loanInAuction() {
  const w = await World.create();
  const id = w.ok(w.createLoan({ collateral: BigInt(regtest.amount_sats), auctionBlocks: 50n })).result.ok;
  w.agreeAddress(id, regtest.script_pubkey);
  const height = w.simnet.burnBlockHeight;
  w.ok(w.call("set-test-burn-header", [Cl.uint(height), hex(regtest.block_hash_display)], w.owner));
  w.simnet.mineEmptyBurnBlocks(2);
  w.ok(
    w.call(
      "submit-deposit-proof",
      [Cl.uint(id), hex(regtest.tx_hex_stripped), Cl.uint(regtest.vout), hex(regtest.header_hex), Cl.uint(height),
        Cl.uint(regtest.tx_index), Cl.list(regtest.branch_internal_order.map(hex))],
      w.borrower,
    ),
  );
  w.mint(w.lender, 10_000_000n);
  w.mint(w.lender2, 10_000_000n);
  w.mint(w.borrower, 10_000_000n);
  return { w, id };
}

describe("auction, funding, repayment, default, refund", () => {
  let w;
  let id;
  const token = () => Cl.principal(w.token);
  const bid = (who, repayment, script = LENDER_SCRIPT) => w.call("place-bid", [Cl.uint(id), Cl.uint(repayment), hex(script)], who).result;
  const finalize = (who, tok = token()) => w.call("finalize-auction", [Cl.uint(id), tok], who);
  const endAuction = () => w.mineUntil(w.loan(id)["auction-end"]);

  beforeEach(async () => {
    ({ w, id } = await loanInAuction());
  });

  it("takes the lowest bid within bounds while the auction is open", () => {
    expect(bid(w.borrower, 1_100_000n)).toEqual(err(ERR.BAD_PARAMS));
    expect(bid(w.lender, 1_200_001n)).toEqual(err(ERR.BID_TOO_HIGH));
    expect(bid(w.lender, 999_999n)).toEqual(err(ERR.BID_TOO_HIGH));
    expect(bid(w.lender, 1_150_000n, "6a")).toEqual(err(ERR.BAD_SCRIPT));
    expect(bid(w.lender, 1_150_000n)).toEqual({ ok: true });
    expect(bid(w.lender2, 1_150_000n)).toEqual(err(ERR.BID_TOO_HIGH));
    expect(bid(w.lender2, 1_120_000n)).toEqual({ ok: true });
    expect(w.loan(id)).toMatchObject({ lender: w.lender2, repayment: 1_120_000n });
    endAuction();
    expect(bid(w.lender, 1_100_000n)).toEqual(err(ERR.AUCTION_CLOSED));
  });

  it("finalizes only after the auction, by the winner, with the loan's token; the borrower is funded", () => {
    bid(w.lender, 1_100_000n);
    expect(finalize(w.lender).result).toEqual(err(ERR.AUCTION_OPEN));
    endAuction();
    expect(finalize(w.lender2).result).toEqual(err(ERR.NOT_LENDER));
    expect(finalize(w.lender, Cl.principal(`${w.owner}.sip-010-trait`)).result).toBeDefined();
    const before = w.balance(w.borrower);
    const res = w.ok(finalize(w.lender));
    expect(res.events.at(-1)).toMatchObject({ event: "loan-funded", lender: w.lender, amount: 1_000_000n, repayment: 1_100_000n });
    expect(w.balance(w.borrower)).toBe(before + 1_000_000n);
    expect(w.loan(id).status).toBe("active");
    expect(finalize(w.lender).result).toEqual(err(ERR.BAD_STATUS));
  });

  it("refuses to finalize without a bid", () => {
    endAuction();
    expect(finalize(w.lender).result).toEqual(err(ERR.NO_BID));
  });

  it("repayment pays the lender and opens a release to the borrower's script for the proven amount", () => {
    bid(w.lender, 1_100_000n);
    endAuction();
    w.ok(finalize(w.lender));
    expect(w.call("repay-loan", [Cl.uint(id), token()], w.lender).result).toEqual(err(ERR.NOT_BORROWER));
    const lenderBefore = w.balance(w.lender);
    const res = w.ok(w.call("repay-loan", [Cl.uint(id), token()], w.borrower));
    expect(w.balance(w.lender)).toBe(lenderBefore + 1_100_000n);
    const request = res.events.find((e) => e.event === "action-request");
    expect(request).toEqual({
      event: "action-request", "request-id": 1n, "loan-id": id, action: "release",
      "utxo-txid": reverseHex(regtest.txid_display), "utxo-vout": BigInt(regtest.vout),
      "amount-sats": BigInt(regtest.amount_sats), "recipient-script": BORROWER_SCRIPT,
    });
    expect(w.loan(id).status).toBe("releasing");
    expect(w.read("get-request", [Cl.uint(1)])).toMatchObject({ kind: "release", status: "pending", "recipient-script": BORROWER_SCRIPT });
    expect(w.call("repay-loan", [Cl.uint(id), token()], w.borrower).result).toEqual(err(ERR.BAD_STATUS));
  });

  it("refuses repayment after maturity; then the lender claims the collateral to its own script", () => {
    bid(w.lender, 1_100_000n);
    endAuction();
    w.ok(finalize(w.lender));
    expect(w.call("claim-collateral", [Cl.uint(id)], w.lender).result).toEqual(err(ERR.NOT_MATURE));
    w.mineUntil(w.loan(id).maturity);
    expect(w.call("repay-loan", [Cl.uint(id), token()], w.borrower).result).toEqual(err(ERR.MATURED));
    expect(w.call("claim-collateral", [Cl.uint(id)], w.borrower).result).toEqual(err(ERR.NOT_LENDER));
    const res = w.ok(w.call("claim-collateral", [Cl.uint(id)], w.lender));
    expect(res.events[0]).toEqual({ event: "loan-defaulted", "loan-id": id });
    expect(res.events[1]).toMatchObject({ event: "action-request", action: "claim", "recipient-script": LENDER_SCRIPT, "amount-sats": BigInt(regtest.amount_sats) });
    expect(w.loan(id).status).toBe("claiming");
  });

  it("refunds the borrower after an auction without bids, or when the winner does not fund in time", async () => {
    expect(w.call("request-refund", [Cl.uint(id)], w.borrower).result).toEqual(err(ERR.AUCTION_OPEN));
    endAuction();
    expect(w.call("request-refund", [Cl.uint(id)], w.lender).result).toEqual(err(ERR.NOT_BORROWER));
    const res = w.ok(w.call("request-refund", [Cl.uint(id)], w.borrower));
    expect(res.events[0]).toMatchObject({ event: "action-request", action: "refund", "recipient-script": BORROWER_SCRIPT });

    ({ w, id } = await loanInAuction());
    bid(w.lender, 1_100_000n);
    endAuction();
    expect(w.call("request-refund", [Cl.uint(id)], w.borrower).result).toEqual(err(ERR.AUCTION_OPEN));
    w.mineUntil(w.loan(id)["auction-end"] + 143n);
    expect(w.call("request-refund", [Cl.uint(id)], w.borrower).result).toEqual(err(ERR.AUCTION_OPEN));
    w.ok(w.call("request-refund", [Cl.uint(id)], w.borrower));
    expect(finalize(w.lender).result).toEqual(err(ERR.BAD_STATUS));
  });
});

describe("Bitcoin results confirmed by M of N validators", () => {
  let w;
  let id;
  const TXID_A = "aa".repeat(32);
  const TXID_B = "bb".repeat(32);
  const confirm = (who, txid = TXID_A, request = 1) => w.call("confirm-bitcoin-action", [Cl.uint(request), hex(txid)], who);

  beforeEach(async () => {
    ({ w, id } = await loanInAuction());
    w.mineUntil(w.loan(id)["auction-end"]);
    w.ok(w.call("request-refund", [Cl.uint(id)], w.borrower));
  });

  it("confirms when M validators report the same txid; the loan reaches its final status", () => {
    expect(confirm(w.validators[0]).result).toEqual({ ok: false });
    expect(confirm(w.validators[1], TXID_B).result).toEqual({ ok: false });
    expect(confirm(w.validators[2]).result).toEqual({ ok: false });
    const res = w.ok(confirm(w.validators[3]));
    expect(res.result.ok).toBe(true);
    expect(res.events[1]).toEqual({ event: "action-confirmed", "request-id": 1n, "loan-id": id, action: "refund", txid: TXID_A, "loan-status": "refunded" });
    expect(w.read("get-request", [Cl.uint(1)])).toMatchObject({ status: "confirmed", "result-txid": TXID_A });
    expect(w.loan(id).status).toBe("refunded");
    expect(confirm(w.validators[4]).result).toEqual(err(ERR.REQUEST_DONE));
  });

  it("refuses non-validators, inactive validators, second votes and unknown requests", () => {
    expect(confirm(w.lender).result).toEqual(err(ERR.NOT_VALIDATOR));
    w.ok(w.call("set-validator-active", [Cl.principal(w.validators[4]), Cl.bool(false)], w.owner));
    expect(confirm(w.validators[4]).result).toEqual(err(ERR.VALIDATOR_INACTIVE));
    w.ok(confirm(w.validators[0]));
    expect(confirm(w.validators[0], TXID_B).result).toEqual(err(ERR.ALREADY_VOTED));
    expect(confirm(w.validators[1], TXID_A, 9).result).toEqual(err(ERR.REQUEST_NOT_FOUND));
    w.ok(w.call("set-paused", [Cl.bool(true)], w.owner));
    expect(confirm(w.validators[1]).result).toEqual(err(ERR.PAUSED));
  });
});
