// Drives the system's headless Chromium over the DevTools protocol, through the pipe
// that `--remote-debugging-pipe` opens on file descriptors 3 (commands in) and 4 (events
// and results out): no WebSocket, no npm package, no browser download. Node.js is
// already needed by the repository's tests; this file uses only its standard library.
//
//   node driver.js CHROMIUM PAGE_URL SANDBOX_ORIGIN SCREENSHOT.png TIMEOUT_MS
//
// Opens PAGE_URL (a bank page that embeds the sandbox), waits until the sandbox frame's
// <html data-state> is `finished` or `error` (or the timeout), saves a screenshot, and
// prints one JSON object: what the sandbox frame shows (state, row counts, its text)
// and what the bank page's title is (a hostile message must not have changed it).
'use strict';

const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const [chromium, pageUrl, sandboxOrigin, screenshot, timeoutText] = process.argv.slice(2);
const timeout = Number(timeoutText || '60000');

const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'des-sandbox-chromium-'));
const browser = spawn(chromium, [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-extensions',
  '--no-first-run',
  '--no-default-browser-check',
  '--mute-audio',
  '--hide-scrollbars',
  '--remote-debugging-pipe',
  '--user-data-dir=' + profile,
  'about:blank',
], { stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'] });

let stderr = '';
browser.stderr.on('data', (chunk) => { stderr = (stderr + chunk).slice(-4000); });

const toBrowser = browser.stdio[3];
const fromBrowser = browser.stdio[4];
let nextId = 1;
const pending = new Map();
let buffer = Buffer.alloc(0);

fromBrowser.on('data', (chunk) => {
  buffer = Buffer.concat([buffer, chunk]);
  let end;
  while ((end = buffer.indexOf(0)) >= 0) {
    const message = JSON.parse(buffer.subarray(0, end).toString('utf8'));
    buffer = buffer.subarray(end + 1);
    if (message.id !== undefined && pending.has(message.id)) {
      const { resolve, reject, method } = pending.get(message.id);
      pending.delete(message.id);
      if (message.error) reject(new Error(method + ': ' + message.error.message));
      else resolve(message.result);
    }
  }
});

function send(method, params, sessionId) {
  const id = nextId++;
  const message = { id, method, params: params || {} };
  if (sessionId) message.sessionId = sessionId;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject, method });
    toBrowser.write(JSON.stringify(message) + '\0');
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function findFrame(tree) {
  if (tree.frame.url.startsWith(sandboxOrigin)) return tree.frame;
  for (const child of tree.childFrames || []) {
    const found = findFrame(child);
    if (found) return found;
  }
  return null;
}

// Evaluates EXPRESSION in the sandbox frame (an isolated world: same DOM, own globals).
async function inFrame(session, expression) {
  const { frameTree } = await send('Page.getFrameTree', {}, session);
  const frame = findFrame(frameTree);
  if (!frame) return undefined;
  const world = await send('Page.createIsolatedWorld', { frameId: frame.id, worldName: 'des-driver' }, session);
  const result = await send('Runtime.evaluate', {
    expression, contextId: world.executionContextId, returnByValue: true,
  }, session);
  return result.result ? result.result.value : undefined;
}

const SNAPSHOT = `(() => {
  const log = document.getElementById('log');
  return {
    state: document.documentElement.dataset.state || null,
    ok: document.documentElement.dataset.ok || null,
    status: document.getElementById('status').textContent,
    rows: log.querySelectorAll('tr').length,
    messageRows: log.querySelectorAll('tr[data-row]').length,
    findingRows: log.querySelectorAll('tr.finding').length,
    transportRows: log.querySelectorAll('tr.transport').length,
    elementsInLog: log.querySelectorAll('script, img, iframe, a, svg, style').length,
    text: document.body.innerText,
    title: document.title,
  };
})()`;

async function main() {
  const started = Date.now();
  const { targetId } = await send('Target.createTarget', { url: 'about:blank' });
  const { sessionId } = await send('Target.attachToTarget', { targetId, flatten: true });
  await send('Page.enable', {}, sessionId);
  await send('Emulation.setDeviceMetricsOverride', {
    width: 1100, height: 860, deviceScaleFactor: 1, mobile: false,
  }, sessionId);
  await send('Page.navigate', { url: pageUrl }, sessionId);
  let snapshot;
  while (Date.now() - started < timeout) {
    await sleep(100);
    try {
      snapshot = await inFrame(sessionId, SNAPSHOT);
    } catch (_) {
      snapshot = undefined;
    }
    if (snapshot && ['finished', 'error', 'idle'].includes(snapshot.state)) break;
  }
  // Let the last rows paint.
  await sleep(150);
  snapshot = await inFrame(sessionId, SNAPSHOT).catch(() => snapshot);
  const shot = await send('Page.captureScreenshot', { format: 'png' }, sessionId);
  fs.mkdirSync(path.dirname(screenshot), { recursive: true });
  fs.writeFileSync(screenshot, Buffer.from(shot.data, 'base64'));
  const bank = await send('Runtime.evaluate', { expression: 'document.title', returnByValue: true }, sessionId);
  return {
    frame: snapshot || null,
    bankTitle: bank.result.value,
    elapsedMs: Date.now() - started,
  };
}

function cleanUp() {
  try { browser.kill('SIGKILL'); } catch (_) { /* gone */ }
  try { fs.rmSync(profile, { recursive: true, force: true }); } catch (_) { /* best effort */ }
}

// Closes the browser politely (so it reaps its own child processes), waiting at most
// three seconds before killing it.
function closeBrowser() {
  return new Promise((resolve) => {
    if (browser.exitCode !== null || browser.signalCode !== null) {
      resolve();
      return;
    }
    const timer = setTimeout(resolve, 3000);
    browser.once('exit', () => { clearTimeout(timer); resolve(); });
    send('Browser.close').catch(() => {});
  });
}

main().then(async (result) => {
  process.stdout.write(JSON.stringify(result) + '\n');
  await closeBrowser();
  cleanUp();
  process.exit(0);
}, (error) => {
  process.stderr.write('driver: ' + error.message + '\nchromium stderr (last lines):\n' + stderr + '\n');
  cleanUp();
  process.exit(1);
});
