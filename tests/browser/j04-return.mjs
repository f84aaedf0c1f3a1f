// A student goes from the return notice to "may return" while the
// counselor and the college reviewer approve; a screenshot of the card in
// each colour on the way (grey, yellow, orange, green, red).
import { base, check, phone, login, shots, sql } from './harness.mjs';
import path from 'node:path';


async function card(page, name) {
  await page.goto(`${base}/card`);
  const colour = (await page.getAttribute('section.card', 'class')).replace('card card-', '');
  await page.screenshot({ path: path.join(shots, `card-${name}-${colour}-phone.png`), fullPage: true });
  return colour;
}

async function decide(browser, who, kind, number, extra = async () => {}) {
  const ctx = await phone(browser);
  const p = await ctx.newPage();
  await login(p, who);
  await p.goto(`${base}/review?kind=${kind}`);
  const row = p.locator('tr', { hasText: number });
  await Promise.all([p.waitForNavigation(), row.locator('a').first().click()]);
  await extra(p);
  await Promise.all([p.waitForNavigation(), p.click('button[value=approve]')]);
  const ok = await p.locator('li.outcome-done').count() === 1;
  await ctx.close();
  return ok;
}

export default async function (browser) {
  // A rostered undergraduate with the 14 days before today checked in,
  // no application yet and nothing open.
  const login_ = sql(`SELECT a.login FROM accounts a JOIN people p ON p.id = a.person_id
    JOIN roster_entries re ON re.person_id = p.id JOIN return_batches b ON b.id = re.batch_id
    WHERE p.identity = 'undergrad' AND a.login REGEXP '^[0-9]+$'
    AND NOT EXISTS (SELECT 1 FROM return_applications ra WHERE ra.person_id = p.id)
    AND NOT EXISTS (SELECT 1 FROM daily_reports d WHERE d.person_id = p.id AND d.anomaly_state <> 'none')
    AND (SELECT COUNT(*) FROM daily_reports d WHERE d.person_id = p.id
         AND d.day BETWEEN CURDATE() - INTERVAL 14 DAY AND CURDATE() - INTERVAL 1 DAY) = 14
    AND NOT EXISTS (SELECT 1 FROM daily_reports d WHERE d.person_id = p.id AND d.day = CURDATE())
    ORDER BY p.id LIMIT 1`);
  const number = sql(`SELECT p.number FROM people p JOIN accounts a ON a.person_id = p.id WHERE a.login = '${login_}'`);
  const counselor = sql(`SELECT c.login FROM accounts a JOIN counselor_assignments ca ON ca.student_id = a.person_id
    JOIN accounts c ON c.person_id = ca.counselor_id WHERE a.login = '${login_}'`);
  const reviewer = sql(`SELECT r.login FROM accounts a JOIN people p ON p.id = a.person_id
    JOIN roles ro ON ro.role = 'reviewer' AND ro.org_id = p.college_id
    JOIN accounts r ON r.person_id = ro.person_id WHERE a.login = '${login_}'`);
  check('a suitable student exists in the demo data', !!login_ && !!counselor && !!reviewer);

  const ctx = await phone(browser);
  const page = await ctx.newPage();
  await login(page, login_);
  check('grey before applying', await card(page, '1-to-apply') === 'grey');

  await page.goto(`${base}/return`);
  await page.check('input[name=q0][value="1"]');
  await page.check('input[name=q1][value="0"]');
  await page.check('input[name=q2][value="0"]');
  await Promise.all([page.waitForNavigation(), page.click('button.primary')]);
  await page.check('input[name=accept]');
  await Promise.all([page.waitForNavigation(), page.click('button.primary')]);
  await page.fill('input[name=reason]', '按学校安排返校复课');
  await page.fill('input[name=itinerary]', '家—火车站—北京西站—学校');
  for (const c of ['confirm_no_symptoms', 'confirm_no_risk', 'confirm_no_contact', 'confirm_code_green'])
    await page.check(`input[name=${c}]`);
  await page.screenshot({ path: path.join(shots, 'return-application-phone.png'), fullPage: true });
  await Promise.all([page.waitForNavigation(), page.click('button.primary')]);
  check('yellow while the first review is pending', await card(page, '2-first-review') === 'yellow');

  // The counselor sends it back once, then approves with the batch's window.
  {
    const cctx = await phone(browser);
    const cp = await cctx.newPage();
    await login(cp, counselor);
    await cp.goto(`${base}/review?kind=first_review`);
    const row = cp.locator('tr', { hasText: number });
    await Promise.all([cp.waitForNavigation(), row.locator('a').first().click()]);
    await cp.fill('input[name=reason]', '请补充具体车次');
    await Promise.all([cp.waitForNavigation(), cp.click('button[value=reject]')]);
    await cctx.close();
  }
  check('orange when sent back', await card(page, '3-sent-back') === 'orange');
  await page.goto(`${base}/return`);
  await page.fill('input[name=itinerary]', 'G6734 石家庄—北京西，地铁到校');
  for (const c of ['confirm_no_symptoms', 'confirm_no_risk', 'confirm_no_contact', 'confirm_code_green'])
    await page.check(`input[name=${c}]`);
  await Promise.all([page.waitForNavigation(), page.click('button.primary')]);
  check('the counselor approves the first review with a window', await decide(browser, counselor,
    'first_review', number, async (p) => {
      const y = sql('SELECT CURDATE() - INTERVAL 1 DAY'), w = sql('SELECT CURDATE() + INTERVAL 7 DAY');
      await p.fill('input[name=allowed_from]', y);
      await p.fill('input[name=allowed_until]', w);
    }));
  check('yellow while evidence is needed', await card(page, '4-evidence') === 'yellow');

  await page.goto(`${base}/return`);
  await page.selectOption('select[name=mode_1]', 'train');
  await page.fill('input[name=number_1]', 'G6734');
  await page.fill('input[name=day_1]', sql('SELECT CURDATE()'));
  await page.fill('input[name=from_1]', '石家庄');
  await page.fill('input[name=to_1]', '北京西');
  await Promise.all([page.waitForNavigation(), page.click('form[action="/return/legs"] button')]);
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    Buffer.from(`browser journey ${Date.now()}`)]);
  const pdf = Buffer.from(`%PDF-1.4\nbrowser journey ${Date.now()}\n%%EOF\n`);
  for (const [kind, file] of [['health_code', { name: 'code.png', mimeType: 'image/png', buffer: png }],
    ['nucleic_acid', { name: 'test.pdf', mimeType: 'application/pdf', buffer: pdf }],
    ['vaccination', { name: 'vacc.pdf', mimeType: 'application/pdf', buffer: pdf }]]) {
    const form = page.locator(`form.upload:has(input[name=kind][value=${kind}])`);
    await form.locator('input[type=file]').setInputFiles(file);
    await Promise.all([page.waitForNavigation(), form.locator('button').click()]);
  }
  await page.screenshot({ path: path.join(shots, 'return-evidence-phone.png'), fullPage: true });
  await Promise.all([page.waitForNavigation(), page.click('form[action="/return/submit"] button')]);
  check('yellow in the second review', await card(page, '5-second-review') === 'yellow');
  check('the college reviewer approves', await decide(browser, reviewer, 'second_review', number));
  check('green: may return', await card(page, '6-may-return') === 'green');

  // A fever today: the card turns red at once.
  await page.goto(`${base}/checkin?quick=1`);
  await page.fill('input[name=temperature]', '38.1');
  await Promise.all([page.waitForNavigation(), page.click('button.primary')]);
  check('red after an abnormal check-in', await card(page, '7-abnormal') === 'red');
  await ctx.close();
}
