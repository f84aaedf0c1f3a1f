<?cs # What a staff member's roles offer, once: the menu on every page
     (header.cs) and the list on the home page. ?>
<?cs def:menu_link(path, name, label) ?><li><a href="<?cs var:Site.Prefix ?><?cs var:path ?>"<?cs if:Page.Name == name ?> aria-current="page"<?cs /if ?>><?cs var:label ?></a></li><?cs /def ?>
<?cs def:staff_links() ?>
  <?cs if:Who.Is.Counselor || Who.Is.Reviewer || Who.Is.Admin ?>
  <?cs call:menu_link("/dashboard", "dashboard", L.home.dashboard) ?>
  <?cs call:menu_link("/review", "review", L.home.review) ?>
  <?cs call:menu_link("/leave", "leave", L.home.leave) ?>
  <li><a href="<?cs var:Site.Prefix ?>/pass/photos"><?cs var:L.photo.review_title ?></a></li>
  <?cs call:menu_link("/table", "table", L.home.table) ?>
  <?cs call:menu_link("/report", "report", L.home.report) ?>
  <?cs call:menu_link("/notices", "notices", L.home.notices) ?>
  <?cs call:menu_link("/rounds", "rounds", L.home.rounds) ?>
  <?cs call:menu_link("/collect", "collect", L.home.collect) ?>
  <?cs elif:Who.Is.DeptHead ?><?cs call:menu_link("/review", "review", L.home.review) ?>
  <?cs call:menu_link("/notices", "notices", L.home.notices) ?>
  <?cs /if ?>
  <?cs if:Who.Is.Counselor ?><?cs call:menu_link("/group", "group", L.home.group) ?>
  <li><a href="<?cs var:Site.Prefix ?>/dashboard/summary"><?cs var:L.summary.title ?></a></li>
  <?cs if:Policy.CounselorsMayImport && !Who.Is.Admin ?><?cs call:menu_link("/roster", "roster", L.home.roster) ?><?cs /if ?><?cs /if ?>
  <?cs if:Who.Is.Admin ?><li><a href="<?cs var:Site.Prefix ?>/dashboard/summaries"><?cs var:L.summaries.title ?></a></li>
  <li><a href="<?cs var:Site.Prefix ?>/dashboard/colleges"><?cs var:L.completion.title ?></a></li>
  <?cs call:menu_link("/roster", "roster", L.home.roster) ?>
  <?cs call:menu_link("/gates", "gates", L.home.gates) ?>
  <?cs call:menu_link("/places", "places", L.home.places) ?>
  <?cs call:menu_link("/exempt", "exempt", L.home.exempt) ?>
  <?cs call:menu_link("/policy", "policy", L.home.policy) ?>
  <?cs call:menu_link("/audit", "audit", L.home.audit) ?><?cs /if ?>
  <?cs if:Who.Is.Admin || Who.Is.CollegeAdmin || Who.Is.Counselor ?><?cs call:menu_link("/testing", "testing", L.home.testing) ?><?cs /if ?>
  <?cs if:Who.Is.Admin || Who.Is.CollegeAdmin ?><?cs call:menu_link("/org", "org", L.home.org) ?>
  <?cs call:menu_link("/people", "people", L.home.people) ?><?cs /if ?>
  <?cs call:menu_link("/pass", "pass", L.home.pass) ?>
  <?cs call:menu_link("/booking", "booking", L.home.booking) ?>
  <?cs if:Who.Is.Gate || Who.Is.Dorm ?><?cs call:menu_link("/scan", "scan", L.home.scan) ?><?cs /if ?>
<?cs /def ?>
