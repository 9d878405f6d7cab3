// Shared test helpers: a fresh simnet per test, deterministic keys, calls and events in plain JS.
import { initSimnet } from "@stacks/clarinet-sdk";
import { Cl, getAddressFromPrivateKey, privateKeyToPublic } from "@stacks/transactions";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
export const MANIFEST = join(here, "../Clarinet.toml");
export const fixture = (name) => JSON.parse(readFileSync(join(here, "fixtures", name), "utf8"));
export const sharedVector = (name) =>
  JSON.parse(readFileSync(join(here, "../../../shared/vectors", name), "utf8"));

/** A test key: SHA-256 of a label, compressed (the 01 suffix). */
export function testKey(label) {
  const priv = createHash("sha256").update(label).digest("hex") + "01";
  return { priv, pub: privateKeyToPublic(priv), address: getAddressFromPrivateKey(priv, "testnet") };
}

/** Converts a Clarity value to plain JS (uint/int as BigInt, buffers as hex). */
export function plain(cv) {
  switch (cv.type) {
    case "uint":
    case "int":
      return BigInt(cv.value);
    case "true":
      return true;
    case "false":
      return false;
    case "buffer":
      return cv.value;
    case "ascii":
    case "utf8":
    case "address":
    case "contract":
      return cv.value;
    case "none":
      return null;
    case "some":
      return plain(cv.value);
    case "ok":
      return { ok: plain(cv.value) };
    case "err":
      return { err: plain(cv.value) };
    case "list":
      return cv.value.map(plain);
    case "tuple":
      return Object.fromEntries(Object.entries(cv.value).map(([k, v]) => [k, plain(v)]));
    default:
      throw new Error(`unknown Clarity type ${cv.type}`);
  }
}

export const hex = (h) => Cl.bufferFromHex(h);

export class World {
  static async create({ validators = 5, threshold = 3 } = {}) {
    const simnet = await initSimnet(MANIFEST);
    const w = new World(simnet);
    w.validators = [];
    for (let i = 1; i <= validators; i++) {
      const key = testKey(`validator-${i}`);
      w.ok(w.call("register-validator", [Cl.uint(i), hex(key.pub)], w.owner));
      w.validators.push(key.address);
    }
    if (threshold > 0) w.ok(w.call("set-signing-threshold", [Cl.uint(threshold)], w.owner));
    w.borrower = testKey("borrower").address;
    w.lender = testKey("lender").address;
    w.lender2 = testKey("lender-2").address;
    return w;
  }

  constructor(simnet) {
    this.simnet = simnet;
    this.owner = simnet.deployer;
    this.contract = `${simnet.deployer}.loan-protocol-v2`;
    this.token = `${simnet.deployer}.test-usd`;
  }

  /** Calls a public function; returns {result (plain), events (plain print payloads)}. */
  call(fn, args, sender, contract = "loan-protocol-v2") {
    const res = this.simnet.callPublicFn(contract, fn, args, sender);
    return {
      result: plain(res.result),
      events: res.events.filter((e) => e.event === "print_event").map((e) => plain(e.data.value)),
    };
  }

  read(fn, args = [], contract = "loan-protocol-v2") {
    return plain(this.simnet.callReadOnlyFn(contract, fn, args, this.owner).result);
  }

  ok(res) {
    if (!res.result || res.result.ok === undefined) {
      throw new Error(`expected (ok ...), got ${JSON.stringify(res.result, (k, v) => (typeof v === "bigint" ? `u${v}` : v))}`);
    }
    return res;
  }

  /** Mines empty Stacks blocks until a transaction would run at stacks-block-height `h`. */
  mineUntil(h) {
    // simnet runs the next call in block blockHeight + 1
    const n = Number(h) - 1 - this.simnet.blockHeight;
    if (n > 0) this.simnet.mineEmptyBlocks(n);
  }

  loan(id) {
    return this.read("get-loan", [Cl.uint(id)]);
  }

  mint(who, amount) {
    this.ok(this.call("mint", [Cl.uint(amount), Cl.principal(who)], who, "test-usd"));
  }

  balance(who) {
    return this.read("get-balance", [Cl.principal(who)], "test-usd").ok;
  }

  createLoan({
    collateral = 40_000_000n,
    loanAmount = 1_000_000n,
    maxRepayment = 1_200_000n,
    duration = 100n,
    auctionBlocks = 10n,
    borrowerScript = "0014" + "11".repeat(20),
    sender = this.borrower,
  } = {}) {
    return this.call(
      "create-loan-auction-v2",
      [
        Cl.principal(this.token),
        Cl.uint(loanAmount),
        Cl.uint(maxRepayment),
        Cl.uint(collateral),
        Cl.uint(duration),
        Cl.uint(auctionBlocks),
        hex(borrowerScript),
      ],
      sender,
    );
  }

  /** Has the first `count` validators submit `script` for the loan. */
  agreeAddress(loanId, script, count = 3) {
    let last;
    for (let i = 0; i < count; i++) {
      last = this.ok(this.call("submit-bitcoin-address", [Cl.uint(loanId), hex(script)], this.validators[i]));
    }
    return last;
  }
}

export const ERR = {
  NOT_OWNER: 100n,
  PAUSED: 101n,
  NOT_VALIDATOR: 102n,
  VALIDATOR_INACTIVE: 103n,
  VALIDATOR_EXISTS: 104n,
  BAD_THRESHOLD: 105n,
  MAINNET: 106n,
  BAD_KEY: 107n,
  LOAN_NOT_FOUND: 200n,
  BAD_STATUS: 201n,
  BAD_PARAMS: 202n,
  ALREADY_VOTED: 203n,
  BAD_SCRIPT: 204n,
  NOT_BORROWER: 205n,
  NOT_LENDER: 206n,
  AUCTION_OPEN: 207n,
  AUCTION_CLOSED: 208n,
  BID_TOO_HIGH: 209n,
  NOT_MATURE: 210n,
  MATURED: 211n,
  WRONG_TOKEN: 212n,
  NO_BID: 213n,
  SCRIPT_IN_USE: 214n,
  BAD_TX: 300n,
  UNKNOWN_HEADER: 301n,
  MERKLE_MISMATCH: 302n,
  CONFIRMATIONS: 303n,
  NO_SUCH_OUTPUT: 304n,
  WRONG_SCRIPT: 305n,
  AMOUNT_TOO_LOW: 306n,
  BAD_INDEX: 308n,
  REQUEST_NOT_FOUND: 400n,
  REQUEST_DONE: 401n,
};
