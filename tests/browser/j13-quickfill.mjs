// 快速填充未报数据 (seed 004, issue 16) on phones: a counselor opens their
// groups, quick-fills the unreported members of a class after the page
// that names who is filled and who is skipped; a student of the class logs
// in, sees on the card that today's report was filled for them and is not
// confirmed, and replaces it with their own check-in. The pages on the way
// get the a11y sweep's checks (axe-core, html-validate); screenshots.
import { base, check, login, shots, sql } from './harness.mjs';
import { checkPage } from './j07-a11y.mjs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';

const facts = (cmd) => execFileSync(path.join(process.env.ROOT, 'build/hc-facts'), [cmd],
  { env: { ...process.env, HEALTHCARD_CONF: `${process.env.HC_VAR}/healthcard.hdf` } }).toString();

// Plain SQL, then the card facts repaired, as the README says IT must.
function sqlWrite(q) {
  sql(q);
  facts('rebuild');
}

// The harness's phone, with the CSP lifted for axe-core (test contexts only).
function phone(browser) {
  return browser.newContext({
    viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true,
    locale: 'zh-CN', bypassCSP: true,
  });
}

export default async function (browser) {
  const cid = sql("SELECT person_id FROM accounts WHERE login = 'counselor'");
  const college = sql(`SELECT college_id FROM people WHERE id = ${cid}`);
  const hash = sql("SELECT pw_hash FROM accounts WHERE login = 'student'");
  // A class of the counselor's: a and b reported two days ago, c never.
  sqlWrite(`INSERT INTO org_units (kind, parent_id, code, name) VALUES ('class', ${college}, 'J13', 'J13班')`);
  const cls = sql("SELECT id FROM org_units WHERE kind = 'class' AND code = 'J13'");
  sqlWrite(`INSERT INTO people (number, name, identity, college_id, class_id) VALUES
      ('J13A', '林小满', 'undergrad', ${college}, ${cls}), ('J13B', '周一诺', 'undergrad', ${college}, ${cls}),
      ('J13C', '陈未报', 'undergrad', ${college}, ${cls});
    INSERT INTO counselor_classes (class_id, counselor_id, since) VALUES (${cls}, ${cid}, NOW());
    INSERT INTO counselor_assignments (student_id, counselor_id) SELECT id, ${cid} FROM people WHERE class_id = ${cls};
    INSERT INTO accounts (person_id, login, pw_hash) SELECT id, LOWER(number), '${hash}' FROM people WHERE class_id = ${cls};
    INSERT INTO basic_info (person_id, phone, home_address, emergency_contact, emergency_phone, boarding, filled_at)
      SELECT id, '13800138000', '北京市海淀区', '家长', '13900139000', 1, NOW() FROM people WHERE class_id = ${cls};
    INSERT INTO daily_reports (person_id, day, submitted_at, temperature, city, in_city, on_campus)
      SELECT id, CURDATE() - INTERVAL 2 DAY, NOW() - INTERVAL 2 DAY, 36.4, '北京', 1, 1
      FROM people WHERE number IN ('J13A', 'J13B')`);
  const a = sql("SELECT id FROM people WHERE number = 'J13A'");
  const c = sql("SELECT id FROM people WHERE number = 'J13C'");

  // The counselor: the groups, the confirmation, the fill.
  const cctx = await phone(browser);
  const cp = await cctx.newPage();
  await login(cp, 'counselor');
  let res = await cp.goto(`${base}/group`);
  await checkPage(cp, res, 'counselor');
  check('the class shows 3 unreported', (await cp.textContent(`#unreported-${cls}`)).trim() === '3');
  await cp.locator(`#group-${cls}`).scrollIntoViewIfNeeded();
  await cp.screenshot({ path: path.join(shots, 'quickfill-groups-phone.png'), fullPage: true });
  [res] = await Promise.all([cp.waitForNavigation(), cp.click(`#quickfill-${cls}`)]);
  await checkPage(cp, res, 'counselor');
  check('the confirmation names the two to fill', await cp.locator('#fill-list li').count() === 2 &&
    (await cp.textContent('#fill-list')).includes('林小满'));
  check('  and the one skipped, without an earlier report', (await cp.textContent(`#none-${c}`)).includes('陈未报'));
  await cp.screenshot({ path: path.join(shots, 'quickfill-confirm-phone.png'), fullPage: true });
  check('nothing is written before the confirmation',
    sql(`SELECT COUNT(*) FROM daily_reports WHERE day = CURDATE() AND person_id = ${a}`) === '0');
  [res] = await Promise.all([cp.waitForNavigation(), cp.click('#quickfill-confirm')]);
  check('the fill says 2 filled', (await cp.textContent('#filled-n')).trim() === '2');
  check('  and the class 2 awaiting their confirmation', (await cp.textContent(`#bulk-${cls}`)).trim() === '2');
  await cp.screenshot({ path: path.join(shots, 'quickfill-done-phone.png'), fullPage: true });
  check('a\'s report of today: bulk-filled by the counselor',
    sql(`SELECT bulk_filled_by FROM daily_reports WHERE day = CURDATE() AND person_id = ${a}`) === cid);
  // The class's invitation (邀请卡片): its link and QR to share.
  [res] = await Promise.all([cp.waitForNavigation(), cp.click(`#invite-${cls}`)]);
  await checkPage(cp, res, 'counselor');
  const link = await cp.inputValue(`#invite-link-${cls}`);
  const qr = await cp.request.get(`${base}/group/qr?class=${cls}`);
  check('an invitation: its link and its QR (SVG)', /\/group\/join\?t=\d+\.[0-9a-f]{32}$/.test(link) &&
    qr.status() === 200 && (await qr.text()).includes('<svg'));
  await cp.locator(`#invite-link-${cls}`).scrollIntoViewIfNeeded();
  await cp.screenshot({ path: path.join(shots, 'quickfill-invite-phone.png') });
  await cctx.close();
  const actx = await phone(browser);
  const ap = await actx.newPage();
  res = await ap.goto(link.replace(/^https?:\/\/[^/]+/, base));
  await checkPage(ap, res, 'anonymous');
  check('the link, opened: the class and a way to log in', (await ap.textContent('#join-group')).includes('J13班') &&
    await ap.locator('#join-login').count() === 1);
  await actx.close();

  // The student: the card says so; their own check-in replaces it.
  const sctx = await phone(browser);
  const sp = await sctx.newPage();
  await login(sp, 'j13a');
  res = await sp.goto(`${base}/card`);
  await checkPage(sp, res, 'student');
  check('the card: today quick-filled, not confirmed by the student',
    (await sp.textContent('#bulk-note')).includes('数据未经本人确认'));
  await sp.screenshot({ path: path.join(shots, 'quickfill-card-phone.png'), fullPage: true });
  [res] = await Promise.all([sp.waitForNavigation(), sp.click('#bulk-replace')]);
  await checkPage(sp, res, 'student');
  check('the check-in form, from the last report, says what was filled',
    await sp.locator('#bulk-note').count() === 1 && (await sp.inputValue('input[name=temperature]')) === '36.4');
  await sp.fill('input[name=temperature]', '36.6');
  await sp.fill('input[name=city]', '上海');
  await sp.check('input[name=in_city][value="0"]');
  await sp.screenshot({ path: path.join(shots, 'quickfill-replace-phone.png'), fullPage: true });
  await Promise.all([sp.waitForNavigation(), sp.click('button.primary')]);
  check('the student\'s own report replaced the copy',
    sql(`SELECT CONCAT_WS(',', temperature, city, COALESCE(bulk_filled_by, 'none'))
         FROM daily_reports WHERE day = CURDATE() AND person_id = ${a}`) === '36.6,上海,none');
  await sp.goto(`${base}/card`);
  check('  the card: done today, no note', await sp.locator('#bulk-note').count() === 0 &&
    await sp.locator('.today-done').count() === 1);
  await sp.screenshot({ path: path.join(shots, 'quickfill-replaced-phone.png'), fullPage: true });
  await sctx.close();
  check('hc-facts check: no difference', /^0 rows differ$/m.test(facts('check')));
}
