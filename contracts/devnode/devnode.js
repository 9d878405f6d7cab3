// The Stacks devnode: clarinet-sdk's simnet running the real contracts, behind the subset of the
// Stacks node's RPC that Frostgate uses. Simnet executes calls without looking at signatures or
// nonces, so this class checks them itself before a transaction reaches the chain.
import { initSimnet, tx as simTx } from "@stacks/clarinet-sdk";
import {
  Cl, deserializeTransaction, deserializeCV, serializeCV, cvToString, PayloadType, AuthType,
  AddressHashMode,
} from "@stacks/transactions";
import { c32address } from "c32check";
import { createHash } from "node:crypto";

export const TESTNET_CHAIN_ID = 0x80000000;
export const TESTNET_TX_VERSION = 0x80;
export const MIN_FEE_RATE = 1; // micro-STX per byte, the node's minimum relay fee rate
const HALF_ORDER = BigInt("0x7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0");

/** A transaction the node refuses, with the reason names and data the Stacks node uses. */
export class Rejection extends Error {
  constructor(reason, reasonData, txid) {
    super(`${reason}: ${JSON.stringify(reasonData ?? {})}`);
    this.reason = reason;
    this.reasonData = reasonData;
    this.txid = txid;
  }
}

const jsonSafe = (v) => JSON.parse(JSON.stringify(v, (k, x) => (typeof x === "bigint" ? x.toString() : x)));
const hex0x = (h) => (h.startsWith("0x") ? h : `0x${h}`);
const strip0x = (h) => (h.startsWith("0x") ? h.slice(2) : h);

export class Devnode {
  static async start(manifest) {
    const simnet = await initSimnet(manifest);
    return new Devnode(simnet);
  }

  constructor(simnet) {
    this.simnet = simnet;
    this.deployer = simnet.deployer;
    this.nonces = new Map();
    this.events = []; // every contract event: {blockHeight, txid, txIndex, eventIndex (in tx), contractId, topic, rawValue}
    this.blocks = []; // block summaries sent to observers
    this.listeners = new Set();
  }

  contractId(name) {
    return name.includes(".") ? name : `${this.deployer}.${name}`;
  }

  info() {
    return {
      peer_version: 4207599116,
      burn_block_height: this.simnet.burnBlockHeight,
      stable_burn_block_height: this.simnet.burnBlockHeight,
      server_version: "frostgate-devnode (clarinet-sdk simnet)",
      network_id: TESTNET_CHAIN_ID,
      parent_network_id: 3669344250,
      stacks_tip_height: this.simnet.blockHeight,
      stacks_tip: createHash("sha256").update(`stacks-${this.simnet.blockHeight}`).digest("hex"),
      is_fully_synced: true,
      epoch: this.simnet.currentEpoch,
    };
  }

  nonce(principal) {
    return this.nonces.get(principal) ?? 0;
  }

  account(principal) {
    const stx = this.simnet.getAssetsMap().get("STX")?.get(principal) ?? 0n;
    return {
      balance: "0x" + BigInt(stx).toString(16).padStart(32, "0"),
      locked: "0x" + "0".repeat(32),
      unlock_height: 0,
      nonce: this.nonce(principal),
      balance_proof: "",
      nonce_proof: "",
    };
  }

  callReadOnly(contract, fn, sender, argsHex) {
    const args = argsHex.map((a) => deserializeCV(strip0x(a)));
    const res = this.simnet.callReadOnlyFn(this.contractId(contract), fn, args, sender);
    return "0x" + serializeCV(res.result);
  }

  mapEntry(contract, map, keyHex) {
    const key = deserializeCV(strip0x(keyHex));
    try {
      return "0x" + serializeCV(this.simnet.getMapEntry(this.contractId(contract), map, key));
    } catch (e) {
      // simnet throws for an absent key where the node answers (none)
      if (String(e.message ?? e).includes("value not found")) return "0x" + serializeCV(Cl.none());
      throw e;
    }
  }

  /** Three fee levels for a payload, at 1, 2 and 3 micro-STX per byte of the whole transaction. */
  estimateFee(payloadHex, estimatedLen) {
    const len = Math.max(estimatedLen ?? 0, strip0x(payloadHex).length / 2 + 180);
    return {
      estimated_cost: { write_length: 0, write_count: 0, read_length: 0, read_count: 0, runtime: 0 },
      estimated_cost_scalar: len,
      cost_scalar_change_by_byte: 0.0,
      estimations: [1, 2, 3].map((rate) => ({ fee_rate: rate, fee: len * rate * MIN_FEE_RATE })),
    };
  }

  /**
   * Checks a raw transaction as the node's mempool admission does (version, chain, signature over
   * the SIP-005 sighash with a low-S signature, nonce, minimum fee, known contract and function),
   * then mines it in its own block. Returns the txid; throws a Rejection.
   */
  broadcast(rawHex) {
    let tx;
    try {
      tx = deserializeTransaction(strip0x(rawHex));
    } catch (e) {
      throw new Rejection("Deserialization", { message: String(e.message ?? e) });
    }
    const txid = tx.txid();
    if (tx.transactionVersion !== TESTNET_TX_VERSION || tx.chainId !== TESTNET_CHAIN_ID) {
      throw new Rejection("BadTransactionVersion", { version: tx.transactionVersion, chain_id: tx.chainId }, txid);
    }
    const cond = tx.auth.spendingCondition;
    if (tx.auth.authType !== AuthType.Standard || cond.hashMode !== AddressHashMode.P2PKH || cond.signature === undefined) {
      throw new Rejection("SignatureValidation", { message: "only standard single-signature P2PKH origins" }, txid);
    }
    const s = BigInt("0x" + cond.signature.data.slice(66, 130));
    if (s > HALF_ORDER) {
      throw new Rejection("SignatureValidation", { message: "signature is not low-S" }, txid);
    }
    try {
      tx.verifyOrigin();
    } catch (e) {
      throw new Rejection("SignatureValidation", { message: String(e.message ?? e) }, txid);
    }
    const sender = c32address(26, cond.signer);
    const expected = this.nonce(sender);
    if (BigInt(cond.nonce) !== BigInt(expected)) {
      throw new Rejection("BadNonce", { expected, actual: Number(cond.nonce), principal: sender, is_origin: true }, txid);
    }
    const minFee = (rawHex.length / 2) * MIN_FEE_RATE;
    if (BigInt(cond.fee) < BigInt(minFee)) {
      throw new Rejection("FeeTooLow", { expected: minFee, actual: Number(cond.fee) }, txid);
    }
    if (tx.payload.payloadType !== PayloadType.ContractCall) {
      throw new Rejection("Deserialization", { message: "the devnode accepts contract calls only" }, txid);
    }
    const contract = `${c32address(tx.payload.contractAddress.version, tx.payload.contractAddress.hash160)}.${tx.payload.contractName.content}`;
    const fn = tx.payload.functionName.content;
    const iface = this.simnet.getContractsInterfaces().get(contract);
    if (!iface) throw new Rejection("NoSuchContract", { contract }, txid);
    const def = iface.functions.find((f) => f.name === fn && f.access === "public");
    if (!def) throw new Rejection("NoSuchPublicFunction", { contract, function: fn }, txid);
    if (def.args.length !== tx.payload.functionArgs.length) {
      throw new Rejection("BadFunctionArgument", { message: `${fn} takes ${def.args.length} arguments, got ${tx.payload.functionArgs.length}` }, txid);
    }
    this.nonces.set(sender, expected + 1);
    this.mine([{ txid, sender, contract, fn, args: tx.payload.functionArgs, raw: rawHex }]);
    return txid;
  }

  /** Runs a call without a signed transaction (setup of tests and demos: owner, borrower, lender). */
  unsignedCall(sender, contract, fn, argsHex) {
    const txid = createHash("sha256").update(`unsigned-${this.simnet.blockHeight}-${sender}-${fn}-${argsHex.join()}`).digest("hex");
    const [r] = this.mine([{ txid, sender, contract: this.contractId(contract), fn, args: argsHex.map((a) => deserializeCV(strip0x(a))), raw: null }]);
    return { txid, result: "0x" + serializeCV(r.result), repr: cvToString(r.result) };
  }

  mine(txs) {
    const results = this.simnet.mineBlock(txs.map((t) => simTx.callPublicFn(t.contract, t.fn, t.args, t.sender)));
    const blockHeight = this.simnet.blockHeight; // the block just mined
    const events = [];
    const transactions = [];
    results.forEach((res, txIndex) => {
      const t = txs[txIndex];
      transactions.push({
        txid: hex0x(t.txid), tx_index: txIndex, status: res.result.type === "ok" ? "success" : "abort_by_response",
        raw_result: "0x" + serializeCV(res.result), raw_tx: t.raw ? hex0x(t.raw) : "0x",
      });
      // events are numbered within their transaction, all kinds counted (as the API does)
      res.events.forEach((e, eventIndex) => {
        const ev = { blockHeight, txid: t.txid, txIndex, eventIndex, type: e.event, data: e.data };
        if (e.event === "print_event") {
          Object.assign(ev, { contractId: e.data.contract_identifier, topic: e.data.topic, rawValue: e.data.raw_value });
          this.events.push(ev);
        }
        events.push(ev);
      });
    });
    const block = {
      block_height: blockHeight,
      block_hash: "0x" + createHash("sha256").update(`stacks-${blockHeight}`).digest("hex"),
      index_block_hash: "0x" + createHash("sha256").update(`index-${blockHeight}`).digest("hex"),
      burn_block_height: this.simnet.burnBlockHeight,
      transactions,
      // as the node's event dispatcher: numbered within the block
      events: events.map((ev, i) =>
        ev.type === "print_event"
          ? { txid: hex0x(ev.txid), event_index: i, committed: true, type: "contract_event",
              contract_event: { contract_identifier: ev.contractId, topic: ev.topic, raw_value: ev.rawValue } }
          : { txid: hex0x(ev.txid), event_index: i, committed: true, type: ev.type, [ev.type]: jsonSafe(ev.data) }),
    };
    this.blocks.push(block);
    for (const l of this.listeners) l("new_block", block);
    return results;
  }

  /** Advances the chains: empty Stacks blocks and burn blocks (each burn block starts a tenure). */
  advance({ stacks = 0, burn = 0 } = {}) {
    for (let i = 0; i < burn; i++) {
      this.simnet.mineEmptyBurnBlock();
      const burnBlock = { burn_block_height: this.simnet.burnBlockHeight, burn_block_hash: "0x" + createHash("sha256").update(`burn-${this.simnet.burnBlockHeight}`).digest("hex"), reward_recipients: [], reward_slot_holders: [], burn_amount: 0 };
      for (const l of this.listeners) l("new_burn_block", burnBlock);
    }
    if (stacks > 0) this.simnet.mineEmptyBlocks(stacks);
    return { stacks_tip_height: this.simnet.blockHeight, burn_block_height: this.simnet.burnBlockHeight };
  }

  /** Contract events, newest first, as the stacks-blockchain-api's contract events endpoint pages them. */
  contractEvents(contractId, offset, limit) {
    const all = this.events.filter((e) => e.contractId === contractId).reverse();
    return {
      limit, offset, total: all.length,
      results: all.slice(offset, offset + limit).map((e) => ({
        event_index: e.eventIndex, event_type: "smart_contract_log", tx_id: hex0x(e.txid), block_height: e.blockHeight,
        contract_log: { contract_id: e.contractId, topic: e.topic, value: { hex: e.rawValue, repr: cvToString(deserializeCV(strip0x(e.rawValue))) } },
      })),
    };
  }
}

