// The ID photo and the commute report (issue 15), on phone-sized screens:
// a student with a blue card uploads a photo (a 300 x 400 JPEG drawn on a
// canvas by this test), makes a building pass, the entrance phone scans it
// (the QR decoded from the screenshot with zbarimg) and its answer shows
// that photo, byte for byte; their college reviewer rejects the photo with
// a reason, the student sees the reason and the entrance no longer shows
// it. A day student files a commute report (走读报备), their counselor
// approves it, and the campus gate's phone lets them out and back in with
// their card's code. The pages on the way get the a11y sweep's checks.
// Screenshots.
import { base, check, login, phone, shots, sql, qrDecode, addGatePhone, enrolPhone,
  loginWithCard } from './harness.mjs';
import { checkPage } from './j07-a11y.mjs';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const shot = (page, name) => page.screenshot({ path: path.join(shots, `photo-commute-${name}-phone.png`), fullPage: true });
const local = (url) => url.replace(/^https?:\/\/[^/]+/, base);

async function submit(page, form) {
  const [res] = await Promise.all([page.waitForNavigation(), page.click(`${form} button[type=submit]`)]);
  return res;
}

// The QR an <img> shows, read by zbar from its screenshot, once drawn.
async function qr(page, sel, name) {
  await page.waitForFunction((s) => {
    const img = document.querySelector(s);
    return img && img.complete && img.naturalWidth > 0;
  }, sel);
  const png = path.join(shots, `photo-commute-${name}.png`);
  await page.locator(sel).screenshot({ path: png });
  return qrDecode(png);
}

// The size of the picture an <img> shows (0 x 0 when it did not load).
async function shown(page, sel) {
  await page.waitForFunction((s) => { const i = document.querySelector(s); return i && i.complete; }, sel);
  return page.$eval(sel, (i) => `${i.naturalWidth}x${i.naturalHeight}`);
}

// An ID photo: a face drawn on a 300 x 400 canvas, saved as a JPEG (the
// canvas's own encoder; t0077 uploads PNGs).
async function drawPhoto(browser, file) {
  const ctx = await browser.newContext({ viewport: { width: 300, height: 400 }, deviceScaleFactor: 1 });
  const page = await ctx.newPage();
  await page.setContent(`<body style="margin:0"><canvas id="c" width="300" height="400"></canvas><script>
    const g = document.getElementById('c').getContext('2d');
    g.fillStyle = '#4a8fd8'; g.fillRect(0, 0, 300, 400);
    g.fillStyle = '#f1c9a5'; g.beginPath(); g.ellipse(150, 170, 78, 96, 0, 0, 7); g.fill();
    g.fillStyle = '#222'; g.beginPath(); g.ellipse(150, 98, 84, 40, 0, 3.1, 6.4); g.fill();
    g.beginPath(); g.arc(120, 165, 8, 0, 7); g.arc(180, 165, 8, 0, 7); g.fill();
    g.strokeStyle = '#a33'; g.lineWidth = 4; g.beginPath(); g.arc(150, 210, 28, 0.3, 2.8); g.stroke();
    g.fillStyle = '#fff'; g.fillRect(40, 300, 220, 100);
  </script></body>`);
  const url = await page.evaluate(() => document.getElementById('c').toDataURL('image/jpeg', 0.9));
  writeFileSync(file, Buffer.from(url.replace(/^data:image\/jpeg;base64,/, ''), 'base64'));
  await ctx.close();
}

export default async function (browser) {
  const a11y = { bypassCSP: true };
  const admin = await (await phone(browser)).newPage();
  await login(admin, 'admin');

  // A building of this journey's own, its entrance and the entrance's
  // phone; a phone at the campus gate.
  await admin.goto(`${base}/places`);
  await admin.fill('#b-name', '十四号教学楼');
  await admin.selectOption('#b-kind', 'teaching');
  await submit(admin, '#add-building');
  await admin.selectOption('#e-building', { label: '十四号教学楼' });
  await admin.fill('#e-name', '东门');
  await submit(admin, '#add-entrance');
  check('the admin sets up a teaching building and its entrance', (await admin.textContent('#buildings')).includes('十四号教学楼 · 东门'));
  const door = await enrolPhone(browser, await addGatePhone(admin, '十四号教学楼 · 东门', '教学楼东门手机'), a11y);
  check('the entrance phone is enrolled', (await door.textContent('body')).includes('楼宇出入口'));
  const gate = await enrolPhone(browser, await addGatePhone(admin, '东门', '走读核验手机'), a11y);
  check('the campus gate phone is enrolled', (await gate.textContent('body')).includes('走读核验手机'));

  // -- the photo ------------------------------------------------------------
  // A student with a blue card, no photo yet, whose college has a reviewer
  // (one who is not also a counselor: their scope is the college).
  const rows = sql(`SELECT a.login, MIN(r.login) FROM card_facts f JOIN people p ON p.id = f.person_id
    JOIN accounts a ON a.person_id = p.id
    JOIN roles ro ON ro.role = 'reviewer' AND ro.org_id = p.college_id
    JOIN accounts r ON r.person_id = ro.person_id
    WHERE f.arrived_at IS NOT NULL AND f.open_anomaly IS NULL AND f.sent_back IS NULL AND f.door_fever IS NULL
      AND f.on_roster = 1 AND p.identity <> 'staff' AND a.login REGEXP '^[0-9]+$'
      AND NOT EXISTS (SELECT 1 FROM photos ph WHERE ph.person_id = p.id)
      AND NOT EXISTS (SELECT 1 FROM roles x WHERE x.person_id = ro.person_id AND x.role IN ('counselor', 'admin'))
    GROUP BY a.login ORDER BY a.login LIMIT 20`).split('\n').filter(Boolean).map((l) => l.split('\t'));
  const student = await (await phone(browser, a11y)).newPage();
  const who = await loginWithCard(student, rows.map((r) => r[0]), 'blue');
  const reviewerLogin = (rows.find((r) => r[0] === who) || [])[1];
  check('a student with a blue card and a college reviewer', !!who && !!reviewerLogin, `${who} ${reviewerLogin}`);
  const person = sql(`SELECT person_id FROM accounts WHERE login = '${who}'`);

  await student.goto(`${base}/pass`);
  let res = await Promise.all([student.waitForNavigation(), student.click('#to-photo')]).then(([r]) => r);
  check('the pass page leads to the photo page: none yet, the form', await student.locator('#photo-none').count() === 1 &&
    await student.locator('#photo-form').count() === 1);
  await checkPage(student, res, 'photo-commute the photo page');
  await shot(student, 'photo-none');
  const photo = path.join(shots, 'photo-commute-id-photo.jpg');
  await drawPhoto(browser, photo);
  await student.setInputFiles('#photo-file', photo);
  res = await submit(student, '#photo-form');
  check('the photo uploads: saved, shown, one upload of the term used',
    await student.getAttribute('#photo-mine', 'data-state') === 'active' &&
    await shown(student, '#photo-mine img') === '300x400' &&
    await student.getAttribute('#photo-left', 'data-left') === '2');
  check('  stored as a 300 x 400 JPEG', sql(`SELECT CONCAT(state, ' ', mime, ' ', width, 'x', height) FROM photos
    WHERE person_id = ${person}`) === 'active image/jpeg 300x400');
  await checkPage(student, res, 'photo-commute the photo saved');
  await shot(student, 'photo-saved');

  // The building pass, scanned at the entrance: the photo beside the name.
  await student.goto(`${base}/pass`);
  await student.check('input[name=dir][value=in]');
  await student.selectOption('#pass-entrance', { label: '十四号教学楼 · 东门' });
  await submit(student, '#pass-form');
  check('我要进 · 十四号教学楼: the QR', (await student.textContent('#pass-where')).includes('十四号教学楼'));
  await shot(student, 'pass-qr');
  const url = await qr(student, '#pass-qr', 'pass-qr');
  check('the pass QR decodes to the entrance scan URL', /\/scan\/pass\?t=[A-Z2-7]{138}$/.test(url), url);
  res = await door.goto(local(url));
  check('the entrance phone asks the temperature, with the name and the photo',
    await door.getAttribute('section.scan', 'data-result') === 'ask' && (await door.textContent('section.scan')).includes(who) &&
    await shown(door, '#scan-photo') === '300x400');
  const src = await door.getAttribute('#scan-photo', 'src');
  const bytes = await (await door.request.get(local(new URL(src, base).href))).body();
  check('  the very picture the student uploaded', Buffer.compare(bytes, readFileSync(photo)) === 0, src);
  await checkPage(door, res, 'photo-commute the entrance with the photo');
  await shot(door, 'door-photo');
  await door.fill('#door-temp', '36.5');
  await submit(door, '#door-temperature');
  check('36.5: ALLOW, the photo on the answer', await door.getAttribute('section.scan', 'data-result') === 'allow' &&
    await shown(door, '#scan-photo') === '300x400');
  await shot(door, 'door-allow-photo');

  // The reviewer rejects it with a reason; the student sees the reason.
  const reviewer = await (await phone(browser, a11y)).newPage();
  await login(reviewer, reviewerLogin);
  const pid = sql(`SELECT id FROM photos WHERE person_id = ${person} AND state = 'active'`);
  res = await reviewer.goto(`${base}/pass/photos`);
  check('the reviewer\'s list holds the photo', await reviewer.locator(`#photo-${pid}`).count() === 1);
  await checkPage(reviewer, res, 'photo-commute the photos to review');
  await shot(reviewer, 'photos-review');
  const reason = '背景不是纯色，请重新拍摄';
  await reviewer.fill(`#photo-${pid} input[name=reason]`, reason);
  await submit(reviewer, `#photo-${pid}`);
  check('rejected with the reason', await reviewer.locator('#photo-rejected-done').count() === 1 &&
    sql(`SELECT CONCAT(state, ' ', reject_reason) FROM photos WHERE id = ${pid}`) === `rejected ${reason}`);
  await shot(reviewer, 'photo-rejected');
  res = await student.goto(`${base}/pass/photo`);
  check('the student sees the reason, and may upload again',
    (await student.textContent('#photo-rejected')).includes(reason) && await student.locator('#photo-form').count() === 1);
  await checkPage(student, res, 'photo-commute the photo rejected');
  await shot(student, 'photo-reason');
  await student.goto(`${base}/pass`);
  await student.check('input[name=dir][value=out]');
  await student.selectOption('#pass-entrance', { label: '十四号教学楼 · 东门' });
  await submit(student, '#pass-form');
  const outUrl = await qr(student, '#pass-qr', 'pass-qr-out');
  await door.goto(local(outUrl));
  check('我要出 at the entrance: ALLOW, no photo shown any more',
    await door.getAttribute('section.scan', 'data-result') === 'allow' &&
    await door.locator('#scan-no-photo').count() === 1 && await door.locator('#scan-photo').count() === 0);
  await shot(door, 'door-no-photo');

  // -- the commute report -------------------------------------------------------
  // A day student (走读生) with a blue card and a counselor who logs in,
  // with no leave or commute report yet.
  const arrived = (extra) => sql(`SELECT a.login FROM card_facts f JOIN people p ON p.id = f.person_id
    JOIN accounts a ON a.person_id = p.id JOIN counselor_assignments ca ON ca.student_id = p.id
    JOIN accounts c ON c.person_id = ca.counselor_id
    WHERE f.arrived_at IS NOT NULL AND f.open_anomaly IS NULL AND f.sent_back IS NULL AND f.door_fever IS NULL
      AND f.on_roster = 1 AND p.identity <> 'staff' AND a.login REGEXP '^[0-9]+$' AND a.login <> '${who}'
      AND NOT EXISTS (SELECT 1 FROM leaves l WHERE l.person_id = p.id)
      AND NOT EXISTS (SELECT 1 FROM commutes m WHERE m.person_id = p.id) ${extra}
    GROUP BY a.login ORDER BY a.login DESC LIMIT 20`).split('\n').filter(Boolean);
  const day = await (await phone(browser, a11y)).newPage();
  let dayLogin = await loginWithCard(day, arrived('AND p.boarding = 0'), 'blue');
  if (!dayLogin) {
    // The demo's day students may all be elsewhere: a boarder who arrived
    // and has not moved in becomes one (the stored card facts rebuilt, as
    // IT would after such a change).
    const b = arrived('AND p.boarding = 1 AND f.moved_in = 0')[0];
    if (b) {
      sql(`UPDATE people p JOIN accounts a ON a.person_id = p.id SET p.boarding = 0 WHERE a.login = '${b}'`);
      execFileSync(path.join(process.env.ROOT, 'build/hc-facts'), ['rebuild'],
        { env: { ...process.env, HEALTHCARD_CONF: path.join(process.env.HC_VAR, 'healthcard.hdf') }, stdio: 'ignore' });
      dayLogin = await loginWithCard(day, [b], 'blue');
    }
  }
  check('a day student with a blue card', !!dayLogin, dayLogin);
  const D = sql(`SELECT person_id FROM accounts WHERE login = '${dayLogin}'`);
  const coLogin = sql(`SELECT a.login FROM counselor_assignments ca JOIN accounts a ON a.person_id = ca.counselor_id
    WHERE ca.student_id = ${D} LIMIT 1`);
  res = await day.goto(`${base}/leave`);
  check('their /leave offers the commute report', await day.locator('#commute-form').count() === 1);
  await checkPage(day, res, 'photo-commute the leave page of a day student');
  await day.fill('#c-address', '新城区幸福路 8 号');
  await day.fill('#c-until', sql('SELECT CURDATE() + INTERVAL 30 DAY'));
  await day.fill('#c-why', '家住本市，每天走读');
  await shot(day, 'commute-form');
  await submit(day, '#commute-form');
  const cm = sql(`SELECT id FROM commutes WHERE person_id = ${D}`);
  check('filed: waiting for the counselor', /[?&]commuted=/.test(day.url()) &&
    await day.getAttribute(`#commute-${cm}`, 'data-state') === 'pending', day.url());
  await shot(day, 'commute-filed');
  await day.goto(`${base}/card`);
  check('  waiting, the card shows no gate code', await day.locator('#gate-qr').count() === 0);

  const co = await (await phone(browser, a11y)).newPage();
  await login(co, coLogin);
  res = await co.goto(`${base}/review?kind=commute`);
  const item = sql(`SELECT id FROM queue_items WHERE kind = 'commute' AND ref_id = ${cm} AND state = 'open'`);
  check('the counselor\'s queue lists it', await co.locator(`input[name=id][value="${item}"]`).count() === 1);
  await shot(co, 'commute-queue');
  res = await co.goto(`${base}/review/item?id=${item}`);
  check('  its detail: the days, the address and why', await co.locator('#commute-detail').count() === 1 &&
    (await co.textContent('main')).includes('新城区幸福路 8 号') && (await co.textContent('main')).includes('家住本市，每天走读'));
  await checkPage(co, res, 'photo-commute the commute report to decide');
  await shot(co, 'commute-item');
  await Promise.all([co.waitForNavigation(), co.click('button[name=decision][value=approve]')]);
  check('the counselor approves', sql(`SELECT state FROM commutes WHERE id = ${cm}`) === 'approved');

  // Out and back in through the campus gate with the card's code.
  await day.goto(`${base}/card`);
  check('the blue card shows the gate code, for commuting', await day.locator('#gate-qr').count() === 1 &&
    await day.getAttribute('#gate-for', 'data-for') === 'commute');
  await shot(day, 'card-commute');
  const code1 = await qr(day, '#gate-qr', 'card-qr-out');
  check('the card QR decodes to the gate scan URL', /\/scan\?t=[A-Z2-7]{100,}$/.test(code1), code1);
  await gate.goto(local(code1));
  check('at the campus gate: ALLOW out, commuting', await gate.getAttribute('section.scan', 'data-result') === 'allow' &&
    await gate.getAttribute('section.scan', 'data-commute') === 'out');
  await shot(gate, 'gate-out');
  let code2 = code1;
  for (let i = 0; i < 5 && code2 === code1; i++) {
    await day.waitForTimeout(1100);
    await day.reload();
    code2 = await qr(day, '#gate-qr', 'card-qr-in');
  }
  check('back later, a new code on the card', code2 !== code1 && /\/scan\?t=/.test(code2), code2);
  res = await gate.goto(local(code2));
  check('at the campus gate: ALLOW in, commuting', await gate.getAttribute('section.scan', 'data-result') === 'allow' &&
    await gate.getAttribute('section.scan', 'data-commute') === 'in');
  await checkPage(gate, res, 'photo-commute the gate letting a day student in');
  await shot(gate, 'gate-in');
  check('  each way recorded once, at the gate, of this report',
    sql(`SELECT GROUP_CONCAT(direction ORDER BY id SEPARATOR ' ') FROM commute_passages
      WHERE person_id = ${D} AND commute_id = ${cm}`) === 'out in');
}
