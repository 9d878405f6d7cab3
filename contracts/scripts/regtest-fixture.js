// Regenerates tests/fixtures/regtest-deposit.json from a real Bitcoin Core regtest node:
//   node scripts/regtest-fixture.js [path/to/bitcoind]   (default ../../shared/bitcoin-core/bin/bitcoind)
// A wallet sends a deposit to a fresh Taproot (bech32m) address together with four other payments,
// one block confirms them, two more follow; the fixture holds that block's 80-byte header, the
// deposit's witness-stripped transaction, its merkle branch, and the block hashes.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import net from "node:net";
import { sha256d, reverseHex, merkleBranch, stripWitness } from "./btc.js";

const here = dirname(fileURLToPath(import.meta.url));
const bitcoind = process.argv[2] ?? join(here, "../../../shared/bitcoin-core/bin/bitcoind");

const freePort = () =>
  new Promise((res) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const p = s.address().port;
      s.close(() => res(p));
    });
  });

const dir = mkdtempSync(join(tmpdir(), "fg-regtest-"));
const port = await freePort();
const node = spawn(bitcoind, ["-regtest", `-datadir=${dir}`, `-rpcport=${port}`, `-port=${await freePort()}`,
  "-listen=0", "-dnsseed=0", "-connect=0", "-fallbackfee=0.0002", "-txindex=1"], { stdio: "ignore" });

async function rpc(method, params = [], wallet) {
  const cookie = readFileSync(join(dir, "regtest", ".cookie"), "utf8");
  const url = `http://127.0.0.1:${port}/${wallet ? `wallet/${wallet}` : ""}`;
  const r = await fetch(url, {
    method: "POST",
    headers: { authorization: "Basic " + Buffer.from(cookie).toString("base64") },
    body: JSON.stringify({ jsonrpc: "1.0", id: 1, method, params }),
  });
  const j = await r.json();
  if (j.error) throw new Error(`${method}: ${JSON.stringify(j.error)}`);
  return j.result;
}

try {
  for (let i = 0; ; i++) {
    try { await rpc("getblockcount"); break; } catch (e) {
      if (i > 100) throw e;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  await rpc("createwallet", ["w"]);
  const mine = await rpc("getnewaddress", ["", "bech32m"], "w");
  await rpc("generatetoaddress", [101, mine]);
  const depositAddress = await rpc("getnewaddress", ["deposit", "bech32m"], "w");
  const depositTxid = await rpc("sendtoaddress", [depositAddress, 0.5], "w");
  for (let k = 0; k < 4; k++) await rpc("sendtoaddress", [await rpc("getnewaddress", [], "w"), 0.01 * (k + 1)], "w");
  const [blockHash] = await rpc("generatetoaddress", [1, mine]);
  await rpc("generatetoaddress", [2, mine]);
  const block = await rpc("getblock", [blockHash, 2]);
  const header = await rpc("getblockheader", [blockHash, false]);
  const txids = block.tx.map((t) => t.txid);
  const txIndex = txids.indexOf(depositTxid);
  const tx = block.tx[txIndex];
  const stripped = stripWitness(tx.hex);
  if (reverseHex(sha256d(stripped).toString("hex")) !== depositTxid) throw new Error("stripped txid mismatch");
  const vout = tx.vout.findIndex((o) => o.scriptPubKey.address === depositAddress);
  const { branch, root } = merkleBranch(txids.map((t) => Buffer.from(reverseHex(t), "hex")), txIndex);
  if (root.toString("hex") !== header.slice(72, 136)) throw new Error("merkle root mismatch");
  const fixture = {
    _source: "Bitcoin Core regtest (scripts/regtest-fixture.js); all hex is byte order as serialized, hashes in internal order unless named *_display",
    height: block.height,
    block_hash_display: blockHash,
    header_hex: header,
    tx_count: txids.length,
    tx_index: txIndex,
    txid_display: depositTxid,
    tx_hex_stripped: stripped.toString("hex"),
    tx_hex_with_witness: tx.hex,
    vout,
    amount_sats: Math.round(tx.vout[vout].value * 1e8),
    script_pubkey: tx.vout[vout].scriptPubKey.hex,
    other_vout: tx.vout.findIndex((o, i) => i !== vout),
    branch_internal_order: branch.map((b) => b.toString("hex")),
  };
  const out = join(here, "../tests/fixtures/regtest-deposit.json");
  writeFileSync(out, JSON.stringify(fixture, null, 2) + "\n");
  console.log(`wrote ${out}: block ${fixture.height} with ${fixture.tx_count} transactions, deposit at index ${txIndex}`);
} finally {
  try { await rpc("stop"); } catch {}
  await new Promise((r) => node.on("exit", r));
  rmSync(dir, { recursive: true, force: true });
}
