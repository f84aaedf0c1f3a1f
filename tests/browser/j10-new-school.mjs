// A new school from an empty database (issue 14): a stack of its own with
// no demo data, one school admin made by hc-admin, who on a phone builds
// the organisation (a college and a class on /org), imports its people
// from the student-information and HR exports (/people/import: preview,
// apply), makes one of the staff a counselor with an account, and gives
// them their class on their page (/people/class: its students handed over).
// The counselor logs in (changing the password an admin set) and sees a
// student's reports on /person. Each page on the way gets the axe-core and
// html-validate checks of j07; screenshots go to the output folder.
import { check, shots } from './harness.mjs';
import { checkPage } from './j07-a11y.mjs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { writeFileSync, mkdirSync } from 'node:fs';

const ROOT = process.env.ROOT;
// A port of this run's block (tests/run.sh holds HC_PORT .. + 99).
const port = Number(process.env.HC_PORT) + 60;
const VAR = path.join(ROOT, 'var', `j10-${port}`);
const base = `http://127.0.0.1:${port}`;
const stack = (...args) => execFileSync(path.join(ROOT, 'tools/stack.sh'), args, { stdio: ['ignore', 'pipe', 'pipe'] });
const sql = (q) => stack('sql', VAR, '-N', '-B', '-e', q).toString().trim();

function phone(browser) {
  return browser.newContext({
    viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true,
    locale: 'zh-CN', bypassCSP: true,
  });
}

async function shot(page, name) {
  await page.screenshot({ path: path.join(shots, `new-school-${name}-phone.png`), fullPage: true });
}

// Submits the form holding `button` and returns the response of where it lands.
async function submit(page, button) {
  const [res] = await Promise.all([page.waitForNavigation(), page.click(button)]);
  return res;
}

async function login(page, who, password) {
  await page.goto(`${base}/login`);
  await page.fill('input[name=login]', who);
  await page.fill('input[name=password]', password);
  return submit(page, 'button[type=submit]');
}

// The first login of an account an admin made: a new password first.
async function changePassword(page, old, fresh) {
  await page.fill('input[name=old_password]', old);
  await page.fill('input[name=new_password]', fresh);
  await page.fill('input[name=new_password2]', fresh);
  return submit(page, 'form[action="/password"] button[type=submit]');
}

async function importFile(page, file, label) {
  let res = await page.goto(`${base}/people/import`);
  await page.setInputFiles('#import-file', file);
  res = await submit(page, '#import-form button[type=submit]');
  await checkPage(page, res, `${label} preview`);
  const counts = await page.textContent('#preview-counts');
  await shot(page, `${label}-preview`);
  res = await submit(page, '#import-apply button[type=submit]');
  check(`${label}: applied`, await page.locator('#import-applied').count() === 1);
  await checkPage(page, res, `${label} applied`);
  return counts;
}

export default async function (browser) {
  stack('purge', VAR);
  try {
    stack('start', VAR, String(port));   // no demo arguments: an empty school
    check('an empty school: nobody in the database', sql('SELECT COUNT(*) FROM people') === '0');
    execFileSync(path.join(ROOT, 'build/hc-admin'), ['create', 'admin', '张校管'], {
      input: 'first-admin-pw\n', env: { ...process.env, HEALTHCARD_CONF: `${VAR}/healthcard.hdf` },
    });
    check('hc-admin made the first school admin', sql("SELECT COUNT(*) FROM roles WHERE role = 'admin'") === '1');

    const ctx = await phone(browser);
    const page = await ctx.newPage();
    await login(page, 'admin', 'first-admin-pw');
    if (page.url().includes('/password')) await changePassword(page, 'first-admin-pw', 'first-admin-pw2');

    // The organisation: a college, then a class in it.
    await page.goto(`${base}/org`);
    await page.selectOption('#f-kind', 'college');
    await page.fill('#f-code', 'J10C');
    await page.fill('#f-name', '新闻学院');
    await submit(page, '#org-add button[type=submit]');
    await page.goto(`${base}/org`);
    await page.selectOption('#f-kind', 'class');
    await page.selectOption('#f-parent', { label: 'J10C 新闻学院' });
    await page.fill('#f-code', 'J10K1');
    await page.fill('#f-name', '新闻2601');
    await submit(page, '#org-add button[type=submit]');
    check('the organisation: a college and its class',
      sql("SELECT COUNT(*) FROM org_units WHERE code IN ('J10C', 'J10K1')") === '2');

    // The people, as the student-information and HR systems export them.
    const dir = path.join(process.env.OUT || 'tests/out', 'j10');
    mkdirSync(dir, { recursive: true });
    const head = '学号/工号,姓名,身份,学院,班级,手机,住校,状态';
    writeFileSync(path.join(dir, 'people.csv'), '\ufeff' + [head,
      'J10T001,王辅导,教职工,J10C,,13900000001,否,在职',
      'J10S001,赵学生,本科生,新闻学院,新闻2601,13800000001,是,在读',
      'J10S002,钱学生,本科生,J10C,J10K1,13800000002,否,在读'].join('\n') + '\n');
    const first = await importFile(page, path.join(dir, 'people.csv'), 'people');
    check('the first import adds all three', /新增\s*3/.test(first) && /修改\s*0/.test(first), first);

    // One of the staff becomes a counselor, with an account.
    await page.goto(`${base}/people?q=J10T001`);
    await Promise.all([page.waitForNavigation(), page.click('#people-list a')]);
    await page.selectOption('#f-role', 'counselor');
    await submit(page, '#grant-form button[type=submit]');
    await page.fill('#f-password', 'counselor-pw-1');
    let res = await submit(page, '#account-form button[type=submit]');
    check('the counselor has the role and an account',
      sql("SELECT COUNT(*) FROM roles r JOIN people p ON p.id = r.person_id JOIN accounts a ON a.person_id = p.id " +
        "WHERE p.number = 'J10T001' AND r.role = 'counselor'") === '1');
    await checkPage(page, res, 'the counselor made');

    // Their class given to them on their page: its students are theirs.
    await page.selectOption('#f-give_class', { label: 'J10K1 新闻2601' });
    res = await submit(page, '#class-form button[type=submit]');
    check('the class given to the counselor hands over its two students',
      sql("SELECT COUNT(*) FROM counselor_assignments ca JOIN people s ON s.id = ca.student_id " +
        "JOIN people c ON c.id = ca.counselor_id WHERE c.number = 'J10T001' AND s.class_id = " +
        "(SELECT id FROM org_units WHERE code = 'J10K1')") === '2');
    check('  the page lists the class', await page.locator('#classes li.class-given').count() === 1);
    await checkPage(page, res, 'the class given');
    await shot(page, 'class-given');

    // The student's reports of the last two days (as the check-in stores
    // them), with their card facts repaired after plain SQL.
    const sid = sql("SELECT id FROM people WHERE number = 'J10S001'");
    sql(`INSERT INTO daily_reports (person_id, day, submitted_at, temperature, city, in_city, on_campus)
      VALUES (${sid}, CURDATE() - INTERVAL 1 DAY, NOW() - INTERVAL 1 DAY, 36.5, '长沙', 1, 0),
             (${sid}, CURDATE(), NOW(), 36.6, '长沙', 1, 0)`);
    execFileSync(path.join(ROOT, 'build/hc-facts'), ['rebuild'],
      { env: { ...process.env, HEALTHCARD_CONF: `${VAR}/healthcard.hdf` } });
    await ctx.close();

    // The counselor, on their phone.
    const cctx = await phone(browser);
    const cp = await cctx.newPage();
    await login(cp, 'J10T001', 'counselor-pw-1');
    check('the counselor must change the password an admin set', cp.url().includes('/password'), cp.url());
    await changePassword(cp, 'counselor-pw-1', 'counselor-pw-2');
    res = await cp.goto(`${base}/person?id=${sid}`);
    check('the counselor sees their student on /person', res.status() === 200, String(res.status()));
    const reports = await cp.textContent('#h-reports');
    check('  with the two reports', /\(2\)/.test(reports), reports);
    await checkPage(cp, res, 'the counselor\'s student');
    await shot(cp, 'counselor-person');
    const other = await cp.goto(`${base}/person?id=${sql("SELECT id FROM people WHERE number = 'admin'")}`);
    check('  and no one outside their students (403)', other.status() === 403, String(other.status()));
    await cctx.close();
    const facts = execFileSync(path.join(ROOT, 'build/hc-facts'), ['check'],
      { env: { ...process.env, HEALTHCARD_CONF: `${VAR}/healthcard.hdf` } }).toString().trim().split('\n').pop();
    check('the new school\'s card facts agree with the base tables', true, facts);
  } finally {
    try { stack('purge', VAR); } catch (e) { /* stopped already */ }
  }
}
