#!/usr/bin/env node
// frostgate Stacks devnode: `npm start -- [--port N] [--host 127.0.0.1] [--observer host:port]...`
// Serves the Stacks node RPC subset Frostgate uses over the real contracts in clarinet-sdk's simnet,
// pushes blocks to event observers as the node's event dispatcher does, and prints one JSON line
// {"devnode":"listening","url":...} on stdout once it accepts connections (port 0 picks a free one).
import http from "node:http";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Devnode, Rejection } from "./devnode.js";

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const observersFromArgs = args.flatMap((a, i) => (a === "--observer" ? [args[i + 1]] : []));

// simnet writes deployment plans next to the manifest: keep the working directory there
process.chdir(join(here, ".."));
const devnode = await Devnode.start(join(here, "../Clarinet.toml"));

/** Delivers blocks to one observer in order, retrying as the Stacks node does (bounded here). */
class Observer {
  constructor(endpoint) {
    this.base = endpoint.startsWith("http") ? endpoint : `http://${endpoint}`;
    this.queue = Promise.resolve();
  }
  send(path, body) {
    this.queue = this.queue.then(async () => {
      for (let attempt = 0; attempt < 50; attempt++) {
        try {
          const r = await fetch(`${this.base}/${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
          if (r.ok) return;
        } catch {}
        await new Promise((res) => setTimeout(res, 200));
      }
      console.error(`devnode: observer ${this.base} did not take ${path}; dropped`);
    });
  }
}
const observers = observersFromArgs.map((o) => new Observer(o));
devnode.listeners.add((path, body) => observers.forEach((o) => o.send(path, body)));

const readBody = (req) =>
  new Promise((res, rej) => {
    const chunks = [];
    let size = 0;
    req.on("data", (c) => {
      size += c.length;
      if (size > 2 * 1024 * 1024) {
        rej(new Error("body too large"));
        req.destroy();
      } else chunks.push(c);
    });
    req.on("end", () => res(Buffer.concat(chunks)));
    req.on("error", rej);
  });

const send = (res, status, body) => {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  res.writeHead(status, { "content-type": typeof body === "string" ? "text/plain" : "application/json" });
  res.end(text);
};

async function route(req, res) {
  const url = new URL(req.url, "http://devnode");
  const p = url.pathname.split("/").filter(Boolean);
  const json = async () => JSON.parse((await readBody(req)).toString("utf8") || "{}");
  if (req.method === "GET" && url.pathname === "/v2/info") return send(res, 200, devnode.info());
  if (req.method === "GET" && p[0] === "v2" && p[1] === "accounts" && p.length === 3) return send(res, 200, devnode.account(p[2]));
  if (req.method === "POST" && p[0] === "v2" && p[1] === "contracts" && p[2] === "call-read" && p.length === 6) {
    const body = await json();
    try {
      return send(res, 200, { okay: true, result: devnode.callReadOnly(`${p[3]}.${p[4]}`, p[5], body.sender ?? p[3], body.arguments ?? []) });
    } catch (e) {
      return send(res, 200, { okay: false, cause: String(e.message ?? e) });
    }
  }
  if (req.method === "POST" && p[0] === "v2" && p[1] === "map_entry" && p.length === 5) {
    const key = JSON.parse((await readBody(req)).toString("utf8"));
    return send(res, 200, { data: devnode.mapEntry(`${p[2]}.${p[3]}`, p[4], key), proof: "" });
  }
  if (req.method === "POST" && url.pathname === "/v2/fees/transaction") {
    const body = await json();
    return send(res, 200, devnode.estimateFee(body.transaction_payload ?? "", body.estimated_len));
  }
  if (req.method === "GET" && url.pathname === "/v2/fees/transfer") return send(res, 200, 1);
  if (req.method === "POST" && url.pathname === "/v2/transactions") {
    const raw = (await readBody(req)).toString("hex");
    try {
      return send(res, 200, JSON.stringify(devnode.broadcast(raw)));
    } catch (e) {
      if (e instanceof Rejection) return send(res, 400, { error: "transaction rejected", reason: e.reason, reason_data: e.reasonData, txid: e.txid });
      throw e;
    }
  }
  if (req.method === "GET" && p[0] === "extended" && p[1] === "v1" && p[2] === "contract" && p[4] === "events") {
    const offset = Number(url.searchParams.get("offset") ?? 0);
    const limit = Math.min(Number(url.searchParams.get("limit") ?? 20), 50);
    return send(res, 200, devnode.contractEvents(p[3], offset, limit));
  }
  // devnode controls (not part of the Stacks node API)
  if (req.method === "POST" && url.pathname === "/devnode/advance") return send(res, 200, devnode.advance(await json()));
  if (req.method === "POST" && url.pathname === "/devnode/call") {
    const b = await json();
    return send(res, 200, devnode.unsignedCall(b.sender, b.contract, b.function, b.arguments ?? []));
  }
  if (req.method === "POST" && url.pathname === "/devnode/observers") {
    const b = await json();
    observers.push(new Observer(b.endpoint));
    return send(res, 200, { observers: observers.length });
  }
  if (req.method === "GET" && url.pathname === "/devnode/status") return send(res, 200, { ...devnode.info(), deployer: devnode.deployer, events: devnode.events.length });
  return send(res, 404, { error: `no route ${req.method} ${url.pathname}` });
}

const server = http.createServer((req, res) => {
  route(req, res).catch((e) => send(res, 400, { error: String(e.message ?? e) }));
});
server.listen(Number(opt("port", 20443)), opt("host", "127.0.0.1"), () => {
  const { address, port } = server.address();
  console.log(JSON.stringify({ devnode: "listening", url: `http://${address}:${port}`, deployer: devnode.deployer }));
});
const stop = () => server.close(() => process.exit(0));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
