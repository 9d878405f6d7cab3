// Drives a validator's dashboard (GET /dashboard) in a real headless Chromium against a running
// devnet: the page loads without console errors, lists every validator online, turns a killed
// validator's row offline, and shows a newly signed request's txid without a reload, both in the
// recent-signatures list and in the live event log (which only the WebSocket /ws fills).
// Usage: node check.mjs --devnet DIR --frostgate PATH --screenshot FILE
import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { readFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, a, i, all) => (a.startsWith('--') ? [...pairs, [a.slice(2), all[i + 1]]] : pairs), []),
);
for (const required of ['devnet', 'frostgate', 'screenshot']) {
  if (!args[required]) throw new Error('missing --' + required);
}
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
// Generous: the machine may be shared and slow; the waits end as soon as the condition holds.
const WAIT_MS = Number(process.env.DASHBOARD_WAIT_MS || 180_000);

const state = JSON.parse(readFileSync(args.devnet + '/devnet.json', 'utf8'));
const validators = state.validators;
const n = validators.length;
const viewer = validators[0];
const victim = validators[n - 1];
const url = 'http://127.0.0.1:' + viewer.api + '/dashboard';

function step(what) {
  console.log('dashboard-check: ' + what);
}

async function status(v) {
  const r = await fetch('http://127.0.0.1:' + v.api + '/api/v1/status');
  return r.json();
}

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
});
const consoleErrors = [];
let failure = null;
const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
page.on('console', (m) => {
  if (m.type() === 'error') consoleErrors.push(m.text());
});
page.on('pageerror', (e) => consoleErrors.push('uncaught: ' + e.message));
try {
  step('open ' + url);
  const response = await page.goto(url);
  if (!response.ok()) throw new Error(url + ' answered ' + response.status());

  step('wait for ' + n + ' validators online and the live WebSocket');
  await page.waitForFunction(
    (count) =>
      document.querySelectorAll('#validators tbody tr').length === count &&
      document.querySelectorAll('#validators tbody tr[data-online="true"]').length === count,
    n,
    { timeout: WAIT_MS, polling: 200 },
  );
  await page.waitForSelector('#live.on', { timeout: WAIT_MS });
  const before = await page.textContent('#online');
  step('page shows ' + n + ' validators, online ' + before);

  // Signed first: frostgate load reads every validator process's /proc entry, so all must live.
  const signedBefore = new Set(Object.keys((await status(viewer)).requests_signed));
  step('sign one request (frostgate load --requests 1)');
  execFileSync(args.frostgate, ['load', '--devnet', args.devnet, '--requests', '1', '--concurrency', '1', '--timeout', '600'], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const signed = Object.entries((await status(viewer)).requests_signed).filter(([id]) => !signedBefore.has(id));
  if (signed.length !== 1) throw new Error('expected one new signed request on validator ' + viewer.id + ', got ' + JSON.stringify(signed));
  const [request, txid] = signed[0];
  step('request ' + request + ' signed: txid ' + txid + '; wait for it on the page');
  await page.waitForSelector('#recent li[data-txid="' + txid + '"]', { timeout: WAIT_MS });
  await page.waitForFunction((t) => document.querySelector('#events').textContent.includes(t), txid, {
    timeout: WAIT_MS,
    polling: 200,
  });
  step('recent signatures and the live event log show ' + txid);
  step('kill -9 validator ' + victim.id + ' (pid ' + victim.pid + ')');
  process.kill(victim.pid, 'SIGKILL');
  await page.waitForSelector('#validators tr[data-id="' + victim.id + '"][data-online="false"]', {
    timeout: WAIT_MS,
  });
  step('row ' + victim.id + ' is offline; online ' + (await page.textContent('#online')));

} catch (e) {
  failure = e;
} finally {
  mkdirSync(dirname(args.screenshot), { recursive: true });
  await page.screenshot({ path: args.screenshot, fullPage: true }).catch((e) => console.error('screenshot failed: ' + e.message));
  step('screenshot ' + args.screenshot);
  await browser.close();
}
if (consoleErrors.length > 0) {
  console.error('dashboard-check: FAILED: console errors on the page:\n  ' + consoleErrors.join('\n  '));
  process.exit(1);
}
if (failure) {
  console.error('dashboard-check: FAILED: ' + (failure.stack || failure));
  process.exit(1);
}
step('passed');
