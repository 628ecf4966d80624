// The DES sandbox page: plays DES inside the bank app's iframe.
//
// It posts the scenario's DES events to window.parent with the bank's origin as the
// explicit targetOrigin, one step at a time; forwards every message it receives, in
// arrival order and one at a time, to the server, which judges it; and shows the
// verdicts as a live log. Text that comes from a message is only ever written with
// textContent, and the message text itself is never shown (it may hold credentials).
'use strict';

(function () {
  const state = {
    token: null,
    bankOrigin: null,
    maxChars: 0,
    seq: 0,
    answered: new Set(),
    waiters: new Map(),
    counts: { sent: 0, received: 0, valid: 0, warning: 0, invalid: 0, ignored: 0, findings: 0 },
  };

  const $ = (id) => document.getElementById(id);
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

  function setText(element, value) {
    element.textContent = value === null || value === undefined ? '' : String(value);
  }

  function setStatus(message) {
    setText($('status'), message);
  }

  function bump(name, by) {
    state.counts[name] += by === undefined ? 1 : by;
    setText($('count-' + name), state.counts[name]);
  }

  function cell(tr, value, className) {
    const td = document.createElement('td');
    setText(td, value);
    if (className) td.className = className;
    tr.appendChild(td);
    return td;
  }

  function line(parent, className, value) {
    const div = document.createElement('div');
    div.className = className;
    setText(div, value);
    parent.appendChild(div);
  }

  function at(path) {
    return path ? ' at ' + path : '';
  }

  // One row of the log for one message (the server's row), added to PARENT (the log).
  function addRow(row, parent) {
    const tr = document.createElement('tr');
    tr.className = row.direction === 'des' ? 'des' : row.verdict;
    tr.dataset.row = String(row.row);
    cell(tr, row.row);
    cell(tr, row.at_ms);
    const direction = {
      des: 'DES → bank',
      partner: 'bank → DES',
      foreign: 'foreign → DES',
    }[row.direction] || row.direction;
    cell(tr, direction, 'direction');
    cell(tr, row.event || '—', 'event');
    let verdict = row.direction === 'des' ? 'sent (step ' + row.step + ')' : row.verdict;
    if (row.direction === 'partner' && row.step) verdict += ' (reply to step ' + row.step + ')';
    cell(tr, verdict, 'verdict');
    const details = cell(tr, '', 'details');
    if (row.error) {
      line(details, 'problem', row.error.kind + at(row.error.path) + ': ' + row.error.message);
    }
    for (const warning of row.warnings || []) {
      line(details, 'warn', 'warning ' + warning.kind + at(warning.path) + ': ' + warning.message);
    }
    for (const finding of row.findings || []) {
      line(details, 'protocol', 'protocol ' + finding.kind + ': ' + finding.message);
    }
    if (row.direction === 'foreign') {
      line(details, 'ignored', 'ignored: the sender ' + row.origin + ' is not the bank origin ' + state.bankOrigin);
    }
    (parent || $('log')).appendChild(tr);
    if (row.direction === 'des') bump('sent');
    else if (row.direction === 'foreign') bump('ignored');
    else {
      bump('received');
      bump(row.verdict === 'valid' || row.verdict === 'warning' || row.verdict === 'invalid' ? row.verdict : 'invalid');
    }
    bump('findings', (row.findings || []).length);
  }

  // A protocol finding that has no message of its own (a timeout, an unanswered request).
  function addFinding(finding) {
    const tr = document.createElement('tr');
    tr.className = 'finding';
    cell(tr, '');
    cell(tr, '');
    cell(tr, 'protocol');
    cell(tr, '—', 'event');
    cell(tr, finding.kind, 'verdict');
    const details = cell(tr, '', 'details');
    line(details, 'protocol', finding.message);
    $('log').appendChild(tr);
    bump('findings');
  }

  // A problem of the page itself (the server could not be reached).
  function addTransportRow(message) {
    const tr = document.createElement('tr');
    tr.className = 'transport';
    cell(tr, '');
    cell(tr, '');
    cell(tr, 'sandbox');
    cell(tr, '—', 'event');
    cell(tr, 'error', 'verdict');
    cell(tr, message, 'details');
    $('log').appendChild(tr);
  }

  async function api(path, body) {
    const response = await fetch(path, {
      method: 'POST',
      headers: { 'x-des-sandbox': state.token || 'new', 'content-type': 'text/plain;charset=utf-8' },
      body: body || '',
      cache: 'no-store',
      credentials: 'same-origin',
    });
    let data = null;
    try {
      data = await response.json();
    } catch (_) {
      data = null;
    }
    if (!response.ok || data === null) {
      throw new Error(data && data.refused ? data.refused : 'HTTP status ' + response.status);
    }
    return data;
  }

  function describe(data) {
    try {
      if (data === null) return 'null';
      if (Array.isArray(data)) return 'array';
      if (typeof data === 'object') {
        const kind = Object.prototype.toString.call(data).slice(8, -1);
        return kind === 'Object' ? 'object' : kind + ' object';
      }
      return typeof data;
    } catch (_) {
      return 'value';
    }
  }

  // What the server needs to know of one received message. Only the bank's strings
  // are sent as text; of anything else only its kind.
  function item(entry) {
    const seq = entry.seq;
    if (entry.origin !== state.bankOrigin) return { kind: 'foreign', seq, origin: String(entry.origin) };
    const data = entry.data;
    if (typeof data !== 'string') return { kind: 'not_a_string', seq, type: describe(data) };
    if (data.length > state.maxChars) return { kind: 'too_large', seq, length: data.length };
    if (typeof data.isWellFormed === 'function' && !data.isWellFormed()) return { kind: 'not_utf8', seq };
    return { kind: 'text', seq, data };
  }

  // Received messages wait here, in arrival order, until the pump forwards them: all
  // that arrived while the previous request was out go together in the next one (at
  // most max_batch_chars of text), so a burst costs a few round trips, and none is
  // lost or overtaken.
  const inbox = [];
  let pumping = false;
  let idle = [];

  function takeBatch() {
    const batch = [];
    let chars = 0;
    while (inbox.length > 0 && batch.length < 5000) {
      const next = item(inbox[0]);
      const size = next.kind === 'text' ? next.data.length : 64;
      if (batch.length > 0 && chars + size > state.maxBatchChars) break;
      inbox.shift();
      batch.push(next);
      chars += size;
    }
    return batch;
  }

  async function forward(batch) {
    try {
      const result = await api('/received', JSON.stringify(batch));
      const fragment = document.createDocumentFragment();
      for (const row of result.rows) addRow(row, fragment);
      $('log').appendChild(fragment);
      for (const step of result.answers) answered(step);
    } catch (error) {
      if (batch.length > 1) {
        // Judge them one by one, so one bad item costs only its own row.
        for (const single of batch) await forward([single]);
      } else {
        addTransportRow('message ' + batch[0].seq + ' could not be judged: ' + error.message);
      }
    }
  }

  async function pump() {
    if (pumping || state.token === null) return;
    pumping = true;
    try {
      while (inbox.length > 0) await forward(takeBatch());
    } finally {
      pumping = false;
      const waiting = idle;
      idle = [];
      waiting.forEach((resolve) => resolve());
    }
  }

  window.addEventListener('message', (event) => {
    inbox.push({ seq: ++state.seq, origin: event.origin, data: event.data });
    pump();
  });

  function answered(step) {
    state.answered.add(step);
    const waiter = state.waiters.get(step);
    if (waiter) waiter();
  }

  function waitForAnswer(step, ms) {
    return new Promise((resolve) => {
      if (state.answered.has(step)) {
        resolve(true);
        return;
      }
      const timer = setTimeout(() => {
        state.waiters.delete(step);
        resolve(false);
      }, ms);
      state.waiters.set(step, () => {
        clearTimeout(timer);
        state.waiters.delete(step);
        resolve(true);
      });
    });
  }

  // Waits until every message received so far has been judged.
  function drain() {
    return new Promise((resolve) => {
      if (!pumping && inbox.length === 0) resolve();
      else idle.push(resolve);
    });
  }

  async function run() {
    if (window.parent === window) {
      setStatus('Not embedded: open the bank app page whose iframe points at this URL.');
      document.documentElement.dataset.state = 'idle';
      return;
    }
    const session = await api('/session');
    state.token = session.token;
    state.bankOrigin = session.bank_origin;
    state.maxChars = session.max_message_chars;
    state.maxBatchChars = session.max_batch_chars;
    pump();
    const steps = session.steps;
    document.documentElement.dataset.state = 'running';
    for (let i = 0; i < steps.length; i++) {
      const step = steps[i];
      setStatus('Step ' + (i + 1) + ' of ' + steps.length + ': ' + step.event + ' (bank origin ' + state.bankOrigin + ', policy ' + session.policy + ')');
      const sent = await api('/sent?step=' + i);
      addRow(sent.row);
      window.parent.postMessage(step.text, state.bankOrigin);
      if (step.expects_reply) {
        if (!(await waitForAnswer(i, step.wait_ms))) {
          await drain();
          if (!state.answered.has(i)) {
            const expired = await api('/expire?step=' + i + '&waited=' + step.wait_ms);
            expired.findings.forEach(addFinding);
          }
        }
      } else if (step.wait_ms > 0) {
        await sleep(step.wait_ms);
      }
    }
    await drain();
    const finish = await api('/finish');
    finish.findings.forEach(addFinding);
    const c = finish.counts || {};
    setStatus((finish.ok ? 'Finished: clean. ' : 'Finished with problems. ') + c.des_sent + ' sent, ' +
      c.partner_received + ' received, ' + c.invalid + ' invalid, ' + c.violations + ' protocol violations, ' +
      c.ignored + ' ignored. The report is at /report.');
    document.documentElement.dataset.ok = String(Boolean(finish.ok));
    document.documentElement.dataset.state = 'finished';
  }

  function start() {
    run().catch((error) => {
      setStatus('The sandbox stopped: ' + error.message);
      document.documentElement.dataset.state = 'error';
    });
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
