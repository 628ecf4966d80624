// Test fixture: the part of a bank app's page that embeds DES, as a web team writes it.
// The page is opened as `<page>.html?sandbox=<the sandbox URL>`; `bank.start(handler)`
// embeds the sandbox in an iframe and calls `handler(event, message)` for every DES
// event from the sandbox's origin (other senders are ignored, as DES's own docs ask).
'use strict';

window.bank = (function () {
  const sandbox = new URLSearchParams(window.location.search).get('sandbox');
  const desOrigin = new URL(sandbox).origin;
  let frame = null;

  // Posts a partner event as the official web SDK does: JSON text, DES's origin.
  function send(envelope) {
    frame.contentWindow.postMessage(JSON.stringify(envelope), desOrigin);
  }

  // Posts anything, as is (for hostile tests).
  function sendRaw(value) {
    frame.contentWindow.postMessage(value, desOrigin);
  }

  // Replies a little later, as an app does after its own work.
  function later(envelope) {
    setTimeout(() => send(envelope), 5);
  }

  function start(handler) {
    window.addEventListener('message', (event) => {
      if (event.origin !== desOrigin || typeof event.data !== 'string') return;
      let parsed;
      try {
        parsed = JSON.parse(event.data);
      } catch (_) {
        return;
      }
      handler(parsed.event, parsed.message || {});
    });
    frame = document.createElement('iframe');
    frame.title = 'DES';
    frame.src = sandbox;
    document.getElementById('app').appendChild(frame);
  }

  // The correct answer to every DES request (the bank app of the integration guide).
  const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJzYW5kYm94In0.c2FuZGJveC1jcmVkZW50aWFsLXZhbHVl';
  function answerCorrectly(event, m) {
    switch (event) {
      case 'onPageReadyEvent':
        later({ event: 'sessionKeepAlive', message: {} });
        break;
      case 'onAccountProvisionRequested':
        later({ event: 'accountProvisioned', message: { requestId: m.requestId } });
        break;
      case 'onAccountRequested':
        later({ event: 'onAccountRequestedSucceeded', message: { requestId: m.requestId } });
        break;
      case 'onIdTokenDidExpire':
        later({ event: 'updateToken', message: { requestId: m.requestId, idToken: TOKEN } });
        break;
      case 'onInvestmentAccountProvisionRequested':
        later({ event: 'investmentAccountProvisionInitiated', message: { requestId: m.requestId, accountId: m.accountId } });
        break;
      case 'onTransferConsentRequested':
        later({ event: 'onTransferConsentSucceeded', message: { requestId: m.requestId, consentId: m.consentId, consentRef: 'bank-consent-7781' } });
        break;
      default:
        break;
    }
  }

  return { start, send, sendRaw, later, answerCorrectly, desOrigin, TOKEN };
})();
