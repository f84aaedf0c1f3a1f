// The gate offline (issue 21): an enrolled gate phone has its scanning page
// open; the test stack's Apache is stopped (tools/stack.sh webstop); the
// code of a green student's card (read from the card's QR by zbar, drawn
// just before) typed into the page gives ALLOW from the signature alone,
// with the name and number the token carries; a forged and an expired
// code give DENY. The server started again, the kept scan goes up by
// itself and the student's card shows the arrival at the offline scan
// time. Screenshots on a phone-sized screen.
import { base, check, phone, login, shots, sql, qrDecode, addGatePhone, enrolPhone, greenCandidates,
  loginWithCard } from './harness.mjs';
import { checkPage } from './j07-a11y.mjs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';

const stack = (...args) => execFileSync(path.join(process.env.ROOT, 'tools/stack.sh'), [args[0], process.env.HC_VAR, ...args.slice(1)],
  { stdio: ['ignore', 'ignore', 'inherit'] });
const token = (...args) => execFileSync(path.join(process.env.ROOT, 'build/scantoken'), args,
  { env: { ...process.env, HEALTHCARD_CONF: path.join(process.env.HC_VAR, 'healthcard.hdf') } }).toString().trim();

const decode = qrDecode;

// Types a code into the gate page and waits for the offline answer.
async function scanOffline(gate, code) {
  await gate.evaluate(() => { document.getElementById('offline-result').hidden = true; });
  await gate.fill('#code-input', code);
  await gate.click('#code-form button[type=submit]');
  await gate.waitForSelector('#offline-result:not([hidden])', { timeout: 10000 });
  return {
    result: await gate.getAttribute('#offline-result', 'data-result'),
    reason: await gate.getAttribute('#offline-result', 'data-reason'),
    text: await gate.textContent('#offline-result'),
  };
}

export default async function (browser) {
  const admin = await (await phone(browser)).newPage();
  await login(admin, 'admin');
  const enrolUrl = await addGatePhone(admin, '东门', '离线门岗机');
  const gate = await enrolPhone(browser, enrolUrl, { bypassCSP: true });
  await gate.waitForSelector('#offline:not([hidden])');
  await checkPage(gate, await gate.goto(`${base}/scan`), 'the gate phone\'s page');
  await gate.waitForSelector('#offline:not([hidden])');
  if (process.env.HC_DEBUG) {
    gate.on('response', (r) => console.log('# response', r.status(), r.url()));
    gate.on('requestfailed', (r) => console.log('# failed', r.url(), r.failure() && r.failure().errorText));
    gate.on('console', (m) => console.log('# console', m.text()));
  }
  check('the enrolled gate phone\'s page carries the offline verifier', true);
  const webcrypto = await gate.evaluate(async () => {
    try {
      const k = document.getElementById('offline').getAttribute('data-key');
      const raw = Uint8Array.from(atob(k), (c) => c.charCodeAt(0));
      await crypto.subtle.importKey('raw', raw, { name: 'Ed25519' }, false, ['verify']);
      return true;
    } catch (e) { return String(e); }
  });
  check('this Chromium verifies Ed25519 with WebCrypto (tweetnacl is the fallback)', webcrypto === true, webcrypto);

  // A green student and the code their card shows.
  const student = await (await phone(browser)).newPage();
  const who = await loginWithCard(student, greenCandidates('ASC'), 'green');
  check('a green student to scan', !!who);
  const name = sql(`SELECT name FROM people p JOIN accounts a ON a.person_id = p.id WHERE a.login = '${who}'`);
  const person = sql(`SELECT person_id FROM accounts WHERE login = '${who}'`);
  await student.waitForFunction(() => {
    const img = document.getElementById('gate-qr');
    return img && img.complete && img.naturalWidth > 0;
  });
  const png = path.join(shots, 'offline-card-qr.png');
  await student.locator('#gate-qr').screenshot({ path: png });
  const url = decode(png);
  check('the card QR decodes to a scan URL with a base32 token', /\/scan\?t=[A-Z2-7]{100,}$/.test(url), url);

  // A second page of the same phone as a browser without Ed25519 in
  // WebCrypto: offline.js fetches Debian's tweetnacl while the server is up.
  const noWebCrypto = await gate.context().newPage();
  await noWebCrypto.addInitScript(() => {
    const importKey = crypto.subtle.importKey.bind(crypto.subtle);
    crypto.subtle.importKey = (f, k, alg, ...rest) => (alg && alg.name === 'Ed25519')
      ? Promise.reject(new DOMException('Ed25519 unsupported', 'NotSupportedError')) : importKey(f, k, alg, ...rest);
  });
  await noWebCrypto.goto(`${base}/scan`);
  await noWebCrypto.waitForFunction(() => !!window.nacl, null, { timeout: 10000 });
  check('a browser without Ed25519 in WebCrypto loads tweetnacl from the site', true);

  // The server goes away.
  stack('webstop');
  const down = await gate.evaluate(() => fetch('/healthz').then(() => false, () => true));
  check('the server is stopped (the gate page\'s requests fail)', down);
  await gate.screenshot({ path: path.join(shots, 'offline-gate-scanner-phone.png'), fullPage: true });

  const scannedFrom = Math.floor(Date.now() / 1000);
  const green = await scanOffline(gate, url);
  check('offline, a green card\'s code: ALLOW from the signature', green.result === 'allow' && green.reason === 'ok', JSON.stringify(green));
  check('  with the name and number the token carries', green.text.includes(name) && green.text.includes(who), green.text);
  await gate.screenshot({ path: path.join(shots, 'offline-gate-allow-phone.png'), fullPage: true });
  check('  the scan is kept on the phone for later', await gate.getAttribute('#offline-pending', 'data-count') === '1');
  const again = await scanOffline(gate, url);
  check('the same code again: just admitted (a code works once), not kept twice',
    again.result === 'already' && again.reason === 'just_admitted' &&
    await gate.getAttribute('#offline-pending', 'data-count') === '1', JSON.stringify(again));

  const forged = await scanOffline(gate, token('--other-key', person));
  check('offline, a forged code: DENY, invalid signature', forged.result === 'deny' && forged.reason === 'bad_code', JSON.stringify(forged));
  await gate.screenshot({ path: path.join(shots, 'offline-gate-forged-phone.png'), fullPage: true });
  const expired = await scanOffline(gate, token('--at', String(scannedFrom - 120), person));
  check('offline, an expired code: DENY, expired', expired.result === 'deny' && expired.reason === 'expired_code', JSON.stringify(expired));
  await gate.screenshot({ path: path.join(shots, 'offline-gate-expired-phone.png'), fullPage: true });
  check('  neither is kept', await gate.getAttribute('#offline-pending', 'data-count') === '1');
  const naclExpired = await scanOffline(noWebCrypto, token('--at', String(scannedFrom - 120), person));
  const naclForged = await scanOffline(noWebCrypto, token('--other-key', person));
  check('with tweetnacl instead: the expired code\'s signature verifies (DENY, expired), the forged one\'s does not',
    naclExpired.reason === 'expired_code' && naclForged.reason === 'bad_code',
    JSON.stringify([naclExpired, naclForged]));
  await noWebCrypto.close();
  check('nothing reached the server meanwhile', sql(`SELECT COUNT(*) FROM arrivals WHERE person_id = ${person}`) === '0');

  // The server comes back: the kept scan goes up by itself.
  // Meanwhile the phone lost its visitor cookie: the page's CSRF token is
  // stale, and the upload gets a new one rather than dropping the scan.
  await gate.context().clearCookies({ name: 'hc_sid' });
  stack('webstart', process.env.HC_PORT);
  await gate.evaluate(() => window.dispatchEvent(new Event('online')));
  await gate.waitForFunction(() => document.getElementById('offline-pending').getAttribute('data-count') === '0',
    null, { timeout: 30000 });
  check('the network back, the kept scan is uploaded', true);
  const row = sql(`SELECT CONCAT(UNIX_TIMESTAMP(at), ' ', offline, ' ', DATE_FORMAT(at, '%Y-%m-%d %H:%i:%s'))
    FROM arrivals WHERE person_id = ${person} AND kind = 'gate'`).split(' ');
  const at = Number(row[0]);
  check('an arrival recorded at the offline scan time, marked offline',
    row[1] === '1' && at >= scannedFrom - 2 && at <= scannedFrom + 15, row.join(' '));
  await student.goto(`${base}/card`);
  check('the student\'s card shows the arrival with its offline scan time',
    (await student.textContent('main')).includes(`${row[2]} ${row[3]}`), `${row[2]} ${row[3]}`);
  check('  and is blue (returned)', (await student.getAttribute('section.card', 'class')) === 'card card-blue');
  await student.screenshot({ path: path.join(shots, 'offline-card-arrived-phone.png'), fullPage: true });
  await admin.goto(`${base}/gates`);
  check('the gate admin page lists the offline scan', await admin.locator('#offline-scans tr.offline-allow[data-arrived="1"]').count() >= 1);
  await admin.locator('#offline-scans').screenshot({ path: path.join(shots, 'offline-gates-admin-phone.png') });
}
