// Golden vectors for the Java `stacks` module, made by the reference implementation
// (@stacks/transactions and c32check, exact versions pinned in package.json):
//   cd contracts && npm ci && npm run vectors      (writes vectors/stacks-golden.json, or the path given)
// Java's GoldenVectorsTest checks every entry byte for byte. The output is deterministic (RFC 6979
// signatures, fixed keys), so regenerating it must leave the file unchanged.
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createHash } from "node:crypto";
import {
  Cl, serializeCV, makeContractCall, getAddressFromPrivateKey, privateKeyToPublic,
} from "@stacks/transactions";
import { c32address, c32encode, c32checkEncode } from "c32check";

const here = dirname(fileURLToPath(import.meta.url));
const sha = (label) => createHash("sha256").update(label).digest("hex");

/** The typed JSON form the Java test reads: {type, value} with integers as decimal strings. */
function json(cv) {
  switch (cv.type) {
    case "int": case "uint": return { type: cv.type, value: BigInt(cv.value).toString() };
    case "buffer": case "ascii": case "utf8": case "address": case "contract": return { type: cv.type, value: cv.value };
    case "true": case "false": case "none": return { type: cv.type };
    case "ok": case "err": case "some": return { type: cv.type, value: json(cv.value) };
    case "list": return { type: "list", value: cv.value.map(json) };
    case "tuple": return { type: "tuple", value: Object.fromEntries(Object.entries(cv.value).map(([k, v]) => [k, json(v)])) };
    default: throw new Error(`unknown ${cv.type}`);
  }
}

const MAIN = "SP2J6ZY48GV1EZ5V2V5RB9MP66SW86PYKKNRV9EJ7";
const TEST = "ST1PQHQKV0RJXZFY1DGX8MNSNYVE3VGZJSRTPGZGM";
const max128 = (1n << 127n) - 1n;
const clarity = {
  "int zero": Cl.int(0),
  "int -1": Cl.int(-1),
  "int min": Cl.int(-(1n << 127n)),
  "int max": Cl.int(max128),
  "int -256": Cl.int(-256),
  "uint zero": Cl.uint(0),
  "uint 1": Cl.uint(1),
  "uint max": Cl.uint((1n << 128n) - 1n),
  "uint 50000000": Cl.uint(50_000_000),
  "buffer empty": Cl.bufferFromHex(""),
  "buffer taproot script": Cl.bufferFromHex("5120" + "0bd9ebd194addf9f5798fa866e45a6d3af163775223e8e83006d325c4f70243d"),
  "true": Cl.bool(true),
  "false": Cl.bool(false),
  "standard principal mainnet": Cl.standardPrincipal(MAIN),
  "standard principal testnet": Cl.standardPrincipal(TEST),
  "contract principal": Cl.contractPrincipal(TEST, "loan-protocol-v2"),
  "ok uint": Cl.ok(Cl.uint(7)),
  "err uint": Cl.error(Cl.uint(303)),
  "none": Cl.none(),
  "some buffer": Cl.some(Cl.bufferFromHex("aa".repeat(32))),
  "list empty": Cl.list([]),
  "list uints": Cl.list([Cl.uint(1), Cl.uint(2), Cl.uint(3)]),
  "list responses": Cl.list([Cl.ok(Cl.uint(1)), Cl.error(Cl.uint(2))]),
  "list principals": Cl.list([Cl.standardPrincipal(TEST), Cl.contractPrincipal(TEST, "test-usd")]),
  "tuple sorted on serialization": Cl.tuple({ z: Cl.uint(1), a: Cl.bool(true), "loan-id": Cl.uint(42), "a-b": Cl.none() }),
  "string-ascii empty": Cl.stringAscii(""),
  "string-ascii with whitespace": Cl.stringAscii("deposit-ready\tloan 42\n"),
  "string-utf8": Cl.stringUtf8("Bitcoin ₿ — 貸付 🟧"),
  "nested event": Cl.tuple({
    event: Cl.stringAscii("action-request"),
    "request-id": Cl.uint(1),
    "recipient-script": Cl.bufferFromHex("0014" + "11".repeat(20)),
    "utxo-txid": Cl.bufferFromHex("33".repeat(32)),
    extra: Cl.some(Cl.list([Cl.tuple({ k: Cl.int(-5) })])),
  }),
};

const addresses = [];
for (const version of [22, 20, 26, 21]) {
  for (const hash of ["00".repeat(20), "0000" + "ff".repeat(18), sha("hash-a").slice(0, 40), "a46ff88886c2ef9762d970b4d2c63678835bd39d"]) {
    addresses.push({ version, hash160: hash, address: c32address(version, hash) });
  }
}
const c32 = ["", "00", "0000", "01", "0001", "ff", "00ff00", sha("c32").slice(0, 50), "0".repeat(7) + "1"]
  .map((hex) => ({ hex: hex.length % 2 ? "0" + hex : hex }))
  .map(({ hex }) => ({ hex, c32: c32encode(hex) }));
const c32check = [0, 1, 22, 31].map((version) => ({ version, data: sha(`data-${version}`).slice(0, 40), c32check: c32checkEncode(version, sha(`data-${version}`).slice(0, 40)) }));

const transactions = [];
const calls = [
  { label: "submit-bitcoin-address (testnet)", network: "testnet", key: "validator-1", nonce: 0, fee: 180,
    contract: `${TEST}.loan-protocol-v2`, fn: "submit-bitcoin-address",
    args: [Cl.uint(1), Cl.bufferFromHex("5120" + "cd".repeat(32))] },
  { label: "confirm-bitcoin-action (testnet, large nonce and fee)", network: "testnet", key: "validator-2", nonce: 4294967301, fee: 123456789,
    contract: `${TEST}.loan-protocol-v2`, fn: "confirm-bitcoin-action",
    args: [Cl.uint(7), Cl.bufferFromHex("ab".repeat(32))] },
  { label: "every argument type (mainnet)", network: "mainnet", key: "validator-3", nonce: 12, fee: 3000,
    contract: `${MAIN}.some-contract`, fn: "do-it!",
    args: Object.values(clarity).slice(0, 30) },
  { label: "no arguments (mainnet)", network: "mainnet", key: "validator-4", nonce: 1, fee: 0,
    contract: `${MAIN}.c`, fn: "ping", args: [] },
];
for (const c of calls) {
  const priv = sha(c.key); // 32 bytes: a compressed key (with the 01 suffix in stacks.js)
  const [contractAddress, contractName] = c.contract.split(".");
  const tx = await makeContractCall({
    contractAddress, contractName, functionName: c.fn, functionArgs: c.args,
    senderKey: priv + "01", network: c.network, nonce: c.nonce, fee: c.fee,
    postConditionMode: "deny", validateWithAbi: false,
  });
  transactions.push({
    label: c.label,
    network: c.network,
    private_key: priv,
    public_key: privateKeyToPublic(priv + "01"),
    sender: getAddressFromPrivateKey(priv + "01", c.network),
    nonce: String(c.nonce),
    fee: String(c.fee),
    anchor_mode: tx.anchorMode,
    post_condition_mode: "deny",
    contract: c.contract,
    function: c.fn,
    args: c.args.map(json),
    tx_hex: tx.serialize(),
    txid: tx.txid(),
  });
}

const out = {
  _source: "scripts/golden-vectors.js with @stacks/transactions 7.6.0 and c32check 2.0.0 (package-lock.json); regenerate with `npm run vectors`",
  clarity: Object.entries(clarity).map(([name, cv]) => ({ name, value: json(cv), hex: serializeCV(cv) })),
  addresses,
  c32,
  c32check,
  transactions,
};
const file = process.argv[2] ?? join(here, "../vectors/stacks-golden.json");
writeFileSync(file, JSON.stringify(out, null, 2) + "\n");
console.log(`wrote ${file}: ${out.clarity.length} Clarity values, ${addresses.length} addresses, ${c32.length} c32, ${c32check.length} c32check, ${transactions.length} transactions`);
