// Life on campus after the return (issue 15), on phone-sized screens: the
// admin sets up a building with an entrance and its phone, and a venue; a
// student with a blue card makes a building pass, the entrance phone scans
// it (the QR decoded from the screenshot with zbarimg), asks the
// temperature and lets them in; the student books the bathhouse and the
// venue phone checks them in. The pages on the way get the a11y sweep's
// checks (axe-core, html-validate). Screenshots.
import { base, check, login, shots, sql, qrDecode } from './harness.mjs';
import { checkPage } from './j07-a11y.mjs';
import path from 'node:path';

const decode = qrDecode;

// A phone that the sweep's checks may inject axe-core into.
function phoneCtx(browser) {
  return browser.newContext({
    viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true,
    locale: 'zh-CN', bypassCSP: true,
  });
}

const shot = (page, name) => page.screenshot({ path: path.join(shots, `campus-${name}-phone.png`), fullPage: true });
const local = (url) => url.replace(/^https?:\/\/[^/]+/, base);

async function submit(page, form) {
  const [res] = await Promise.all([page.waitForNavigation(), page.click(`${form} button[type=submit]`)]);
  return res;
}

async function enrol(browser, admin, gateLabel, name) {
  await admin.goto(`${base}/gates`);
  await admin.selectOption('select[name=gate_id]', { label: gateLabel });
  await admin.fill('form[action="/gates/add_device"] input[name=name]', name);
  await submit(admin, 'form[action="/gates/add_device"]');
  const link = await admin.inputValue('#enrol-url');
  const dev = await (await phoneCtx(browser)).newPage();
  await dev.goto(local(link));
  await Promise.all([dev.waitForNavigation(), dev.click('button[type=submit]')]);
  return dev;
}

async function qr(page, sel, name) {
  await page.waitForFunction((s) => {
    const img = document.querySelector(s);
    return img && img.complete && img.naturalWidth > 0;
  }, sel);
  const png = path.join(shots, `campus-${name}.png`);
  await page.locator(sel).screenshot({ path: png });
  return decode(png);
}

export default async function (browser) {
  // The admin: a bathhouse, its entrance, the entrance's phone, a venue.
  const admin = await (await phoneCtx(browser)).newPage();
  await login(admin, 'admin');
  let res = await admin.goto(`${base}/places`);
  await admin.fill('#b-name', '学生浴室');
  await admin.selectOption('#b-kind', 'bath');
  res = await submit(admin, '#add-building');
  await admin.selectOption('#e-building', { label: '学生浴室' });
  await admin.fill('#e-name', '正门');
  res = await submit(admin, '#add-entrance');
  check('the admin sets up the bathhouse and its entrance', (await admin.textContent('#buildings')).includes('学生浴室 · 正门'));
  await checkPage(admin, res, 'campus places');
  await shot(admin, 'places');
  const door = await enrol(browser, admin, '学生浴室 · 正门', '浴室门口手机');
  check('the entrance phone is enrolled', (await door.textContent('body')).includes('楼宇出入口'));
  res = await admin.goto(`${base}/booking`);
  await admin.selectOption('#v-building', { label: '学生浴室' });
  await admin.fill('#v-name', '学生浴室淋浴');
  await admin.fill('#v-opens', '00:00');
  await admin.fill('#v-closes', '23:59');
  await admin.fill('#v-slot', '30');
  await admin.fill('#v-capacity', '20');
  res = await submit(admin, '#add-venue');
  check('  and a venue: 30-minute slots, 20 places', (await admin.textContent('body')).includes('学生浴室淋浴'));

  // A student with a blue card, as the card computes it.
  const candidates = sql(`SELECT a.login FROM card_facts f JOIN accounts a ON a.person_id = f.person_id
    WHERE f.arrived_at IS NOT NULL AND f.open_anomaly IS NULL AND f.sent_back IS NULL AND f.door_fever IS NULL
      AND f.on_roster = 1 AND a.login REGEXP '^[0-9]+$'
      AND NOT EXISTS (SELECT 1 FROM bookings b WHERE b.person_id = f.person_id AND b.state IN ('booked', 'in'))
    GROUP BY a.login ORDER BY a.login DESC LIMIT 20`).split('\n').filter(Boolean);
  const student = await (await phoneCtx(browser)).newPage();
  let who = '';
  for (const c of candidates) {
    await login(student, c);
    await student.goto(`${base}/card`);
    if ((await student.getAttribute('section.card', 'class')) === 'card card-blue') { who = c; break; }
    await student.click('form[action="/logout"] button');
  }
  check('a student with a blue card', !!who, who);
  await shot(student, 'card-blue');
  res = await Promise.all([student.waitForNavigation(), student.click('#to-pass')]).then(([r]) => r);
  check('the card leads to the building pass', new URL(student.url()).pathname === '/pass');
  await checkPage(student, res, 'campus the pass chooser');
  await student.check('input[name=dir][value=in]');
  await student.selectOption('#pass-entrance', { label: '学生浴室 · 正门' });
  res = await submit(student, '#pass-form');
  check('我要进 · 学生浴室: the QR', (await student.textContent('#pass-where')).includes('学生浴室'));
  await checkPage(student, res, 'campus the pass');
  await shot(student, 'pass-qr');
  const url = await qr(student, '#pass-qr', 'pass-qr');
  check('the pass QR decodes to the entrance scan URL', /\/scan\/pass\?t=[A-Z2-7]{138}$/.test(url), url);

  res = await door.goto(local(url));
  check('the entrance phone asks the temperature, with the name',
    await door.getAttribute('section.scan', 'data-result') === 'ask' && (await door.textContent('section.scan')).includes(who));
  await checkPage(door, res, 'campus the temperature form');
  await shot(door, 'temperature');
  await door.fill('#door-temp', '36.5');
  res = await submit(door, '#door-temperature');
  check('36.5: ALLOW, in one glance', await door.getAttribute('section.scan', 'data-result') === 'allow' &&
    (await door.textContent('h1.scan-word')).includes('允许进入'));
  await checkPage(door, res, 'campus the entrance ALLOW');
  await shot(door, 'allow');

  // The bathhouse: a slot, its QR, the venue phone.
  res = await student.goto(`${base}/booking`);
  await checkPage(student, res, 'campus the booking page');
  const slot = student.locator('#venue-' + sql("SELECT id FROM venues WHERE name = '学生浴室淋浴'") + ' button:not([disabled])').first();
  check('the venue offers a slot with places left', await slot.count() === 1);
  res = await Promise.all([student.waitForNavigation(), slot.click()]).then(([r]) => r);
  check('booked', await student.locator('#booked').count() === 1);
  await checkPage(student, res, 'campus the booking');
  await shot(student, 'booked');
  const burl = await qr(student, '#booking-qr', 'booking-qr');
  check('the booking QR decodes to the venue scan URL', /\/scan\/booking\?t=[A-Z2-7]{138}$/.test(burl), burl);
  // The slot may start later today: the venue checks in from 10 minutes
  // before its start, so the test moves the booking to have begun.
  const bid = sql(`SELECT b.id FROM bookings b JOIN accounts a ON a.person_id = b.person_id
    WHERE a.login = '${who}' AND b.state = 'booked'`);
  sql(`UPDATE venue_slots s JOIN bookings b ON b.venue_id = s.venue_id AND b.starts_at = s.starts_at
    SET s.booked = s.booked - 1 WHERE b.id = ${bid}`);
  sql(`UPDATE bookings SET starts_at = NOW() - INTERVAL 2 MINUTE, ends_at = NOW() + INTERVAL 28 MINUTE WHERE id = ${bid}`);
  await door.goto(local(burl));
  check('the venue phone asks the temperature', await door.getAttribute('section.scan', 'data-result') === 'ask');
  await door.fill('#door-temp', '36.6');
  res = await submit(door, '#door-temperature');
  check('checked in at the bathhouse', await door.getAttribute('section.scan', 'data-result') === 'allow' &&
    (await door.textContent('h1.scan-word')).includes('核验通过'));
  await shot(door, 'booking-in');
  await student.goto(`${base}/booking`);
  check('the student\'s booking is in use', (await student.getAttribute(`#booking-${bid}`, 'data-state')) === 'in');
  await shot(student, 'booking-in-use');
}
