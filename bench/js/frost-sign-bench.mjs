// Reference comparison for Frostgate's FullSigningBenchmark: one complete 10-of-15 FROST signing
// with @cmdcode/frost (BIP340 / Taproot-style FROST in JavaScript, on @noble/curves).
//
// One op = 10 nonce commitments (create_commit_pkg), the signing context, 10 partial signatures,
// verification of every partial signature (verify_partial_sig), aggregation (combine_partial_sigs)
// and verification of the final signature (verify_final_sig, BIP340 via @noble/curves).
//
// Mode "per-signer-ctx" (the headline, same work as the Java benchmark): every signer derives the
// signing context (binding factors, group commitment, challenge) itself, as a separate validator
// would, and so does the coordinator. Mode "shared-ctx" (the library README's demo style) derives
// it once and hands it to everyone; reported for information.
//
// Usage: node frost-sign-bench.mjs [iterations=50] [warmup=10]
// Prints one JSON line.
import { performance } from 'node:perf_hooks'
import { readFileSync } from 'node:fs'
import {
  create_dealer_set,
  create_commit_pkg,
  get_commit_pkg,
  get_group_signing_ctx,
  sign_msg,
  verify_partial_sig,
  combine_partial_sigs,
  verify_final_sig
} from '@cmdcode/frost/lib'
import { random_bytes } from '@cmdcode/frost/util'
import { hexToBytes } from '@noble/curves/utils.js'
import { schnorr } from '@noble/curves/secp256k1.js'

const N = 15
const T = 10
const iterations = Number(process.argv[2] ?? 50)
const warmup = Number(process.argv[3] ?? 10)

// One group for the whole run (key generation is not measured, as in the Java benchmark).
const group = create_dealer_set(T, N, [random_bytes(32).hex])
const signers = group.shares.slice(0, T)
const message = random_bytes(32).hex

function signOnce (perSignerCtx) {
  const commits = signers.map(s => create_commit_pkg(s))
  // Public nonces only, as sent to the coordinator and then to every signer.
  const pnonces = commits.map(({ idx, hidden_pn, binder_pn }) => ({ idx, hidden_pn, binder_pn }))
  const coordCtx = get_group_signing_ctx(group.group_pk, pnonces, message)
  const psigs = signers.map(share => {
    const ctx = perSignerCtx ? get_group_signing_ctx(group.group_pk, pnonces, message) : coordCtx
    return sign_msg(ctx, share, get_commit_pkg(commits, share))
  })
  for (const sig of psigs) {
    const pn = pnonces.find(p => p.idx === sig.idx)
    if (!verify_partial_sig(coordCtx, pn, sig.pubkey, sig.psig)) {
      throw new Error(`partial signature of ${sig.idx} does not verify`)
    }
  }
  const signature = combine_partial_sigs(coordCtx, psigs)
  if (!verify_final_sig(coordCtx, message, signature)) {
    throw new Error('final signature does not verify')
  }
  return { signature, pubkey: coordCtx.group_pk }
}

function measure (perSignerCtx) {
  for (let i = 0; i < warmup; i++) signOnce(perSignerCtx)
  const times = []
  let last
  for (let i = 0; i < iterations; i++) {
    const t0 = performance.now()
    last = signOnce(perSignerCtx)
    times.push(performance.now() - t0)
  }
  times.sort((a, b) => a - b)
  const q = p => times[Math.min(times.length - 1, Math.floor(p * times.length))]
  const median = times.length % 2
    ? times[(times.length - 1) / 2]
    : (times[times.length / 2 - 1] + times[times.length / 2]) / 2
  return { last, median, min: times[0], p90: q(0.9) }
}

const main = measure(true)
const shared = measure(false)

// Independent check of the last signature with @noble/curves' BIP340 verifier (x-only key).
const pk = main.last.pubkey.length === 66 ? main.last.pubkey.slice(2) : main.last.pubkey
const ok = schnorr.verify(hexToBytes(main.last.signature), hexToBytes(message), hexToBytes(pk))
if (!ok) throw new Error('independent BIP340 verification failed')

const version = JSON.parse(readFileSync(
  new URL('./node_modules/@cmdcode/frost/package.json', import.meta.url))).version
const r = x => Math.round(x * 1000) / 1000
console.log(JSON.stringify({
  impl: `@cmdcode/frost ${version}`,
  node: process.version,
  t: T,
  n: N,
  iterations,
  warmup,
  median_ms: r(main.median),
  min_ms: r(main.min),
  p90_ms: r(main.p90),
  shared_ctx_median_ms: r(shared.median),
  bip340_verified: ok
}))
