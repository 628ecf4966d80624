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
  let ready;
  // Every received message is forwarded through this chain, after the session started:
  // one request at a time, so none is lost or overtaken.
  state.chain = new Promise((resolve) => { ready = resolve; });

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

  // One row of the log for one message (the server's row).
  function addRow(row) {
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
    cell(tr, direction);
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
    $('log').appendChild(tr);
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
      if (typeof data === 'object') return Object.prototype.toString.call(data).slice(8, -1) + ' object';
      return typeof data;
    } catch (_) {
      return 'value';
    }
  }

  async function forward(origin, data) {
    const seq = ++state.seq;
    let query = 'seq=' + seq;
    let body = '';
    if (origin !== state.bankOrigin) {
      // Not read: only where it came from is reported.
      query += '&kind=foreign&origin=' + encodeURIComponent(String(origin));
    } else if (typeof data === 'string') {
      if (data.length > state.maxChars) {
        query += '&kind=too_large&length=' + data.length;
      } else {
        query += '&kind=text';
        body = data;
      }
    } else {
      query += '&kind=not_a_string&type=' + encodeURIComponent(describe(data));
    }
    try {
      const result = await api('/received?' + query, body);
      addRow(result.row);
      if (typeof result.answers === 'number') answered(result.answers);
    } catch (error) {
      addTransportRow('message ' + seq + ' could not be judged: ' + error.message);
    }
  }

  window.addEventListener('message', (event) => {
    const origin = event.origin;
    const data = event.data;
    state.chain = state.chain.then(() => forward(origin, data));
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
  async function drain() {
    let chain;
    do {
      chain = state.chain;
      await chain;
    } while (chain !== state.chain);
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
    ready();
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
