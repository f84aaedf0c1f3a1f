// The gate: the admin enrols a phone, a green student's card shows a QR
// that decodes (zbarimg, from the screenshot) to a scan URL, and the gate
// phone opening it shows ALLOW; a card that is not green, and the same code
// shown twice, show DENY with the reason. Screenshots on a phone-sized screen.
import { base, check, phone, login, shots, sql, qrDecode, addGatePhone, enrolPhone, greenCandidates,
  loginWithCard } from './harness.mjs';
import path from 'node:path';


const decode = qrDecode;

async function qrOf(page, name) {
  const png = path.join(shots, `${name}.png`);
  await page.locator('#gate-qr').screenshot({ path: png });
  return decode(png);
}

export default async function (browser) {
  const admin = await (await phone(browser)).newPage();
  await login(admin, 'admin');
  const enrolUrl = await addGatePhone(admin, '东门', '浏览器测试机');
  check('the admin gets a one-time enrolment link', /\/scan\/enrol\/[A-Za-z0-9_-]{43}$/.test(enrolUrl), enrolUrl);
  await admin.screenshot({ path: path.join(shots, 'gate-enrol-link-phone.png'), fullPage: true });

  const gate = await enrolPhone(browser, enrolUrl);
  check('the gate phone is enrolled and lands on the scanner', (await gate.textContent('body')).includes('浏览器测试机'));
  await gate.screenshot({ path: path.join(shots, 'gate-scanner-phone.png'), fullPage: true });

  // A green student, as the card computes it.
  const student = await (await phone(browser)).newPage();
  const who = await loginWithCard(student, greenCandidates('DESC'), 'green');
  check('a green student to scan', !!who);
  await student.waitForFunction(() => {
    const img = document.getElementById('gate-qr');
    return img && img.complete && img.naturalWidth > 0;
  });
  await student.screenshot({ path: path.join(shots, 'gate-card-green-qr-phone.png'), fullPage: true });
  const url = await qrOf(student, 'gate-qr-green');
  check('the card QR decodes to a scan URL', /\/scan\?t=[A-Z2-7]{100,}$/.test(url), url);

  await gate.goto(url.replace(/^https?:\/\/[^/]+/, base));
  const result = await gate.getAttribute('section.scan', 'data-result');
  check('opened on the enrolled gate phone: ALLOW', result === 'allow', result);
  check('with the student\'s number', (await gate.textContent('section.scan')).includes(who));
  await gate.screenshot({ path: path.join(shots, 'gate-allow-phone.png'), fullPage: true });

  await gate.goto(url.replace(/^https?:\/\/[^/]+/, base));
  check('the same code again: just admitted, in the neutral colour',
    await gate.getAttribute('section.scan', 'data-reason') === 'just_admitted' &&
    await gate.getAttribute('section.scan', 'data-result') === 'already');
  await gate.screenshot({ path: path.join(shots, 'gate-just-admitted-phone.png'), fullPage: true });

  await student.goto(`${base}/card`);
  check('the student\'s card is blue after the scan',
    (await student.getAttribute('section.card', 'class')) === 'card card-blue');
  await student.screenshot({ path: path.join(shots, 'gate-card-blue-phone.png'), fullPage: true });

  // A student whose card is not green: the gate says why.
  const pending = sql(`SELECT a.login FROM return_applications ra JOIN accounts a ON a.person_id = ra.person_id
    WHERE ra.state IN ('first_review', 'second_review', 'evidence') AND a.login REGEXP '^[0-9]+$'
      AND NOT EXISTS (SELECT 1 FROM daily_reports d WHERE d.person_id = ra.person_id AND d.anomaly_state = 'open')
    ORDER BY ra.person_id LIMIT 1`);
  const other = await (await phone(browser)).newPage();
  await login(other, pending);
  await other.goto(`${base}/card`);
  const colour = (await other.getAttribute('section.card', 'class')).replace('card card-', '');
  // Its card draws no QR; the code it could fetch itself is still judged
  // by the gate on the card as it is now.
  await other.goto(`${base}/card/qr`);
  const png = path.join(shots, 'gate-qr-not-green.png');
  await other.screenshot({ path: png });
  const denied = decode(png);
  check('a code fetched by hand decodes too', denied.includes('/scan?t='), denied);
  await gate.goto(denied.replace(/^https?:\/\/[^/]+/, base));
  check(`a ${colour} card's code: DENY, not approved`,
    await gate.getAttribute('section.scan', 'data-reason') === 'not_approved');
  const why = await gate.textContent('.scan-why');
  check('with the reason in words', why && why.trim().length > 4, why);
  await gate.screenshot({ path: path.join(shots, 'gate-deny-phone.png'), fullPage: true });
}
