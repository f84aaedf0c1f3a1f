<?cs include:"macros.cs" ?>
<?cs set:Page.Title = L.notices.title ?>
<?cs include:"header.cs" ?>
<section class="panel">
<h1><?cs var:L.notices.title ?></h1>
<?cs if:Query.saved ?><p class="message" role="status" id="saved"><?cs var:L.notices.saved ?></p><?cs /if ?>
<?cs if:Query.read ?><p class="message" role="status" id="read"><?cs var:L.notices.marked ?></p><?cs /if ?>
<?cs call:notice_list(Notices, 20) ?>
<?cs if:Notices.Unread > 0 ?>
<form method="post" action="<?cs var:Site.Prefix ?>/notices/read" id="notices-read">
  <?cs call:csrf_field() ?>
  <button type="submit"><?cs var:L.notices.mark_read ?></button>
</form>
<?cs /if ?>
</section>

<section class="panel">
<h2><?cs var:L.notices.prefs ?></h2>
<p class="small"><?cs var:L.notices.prefs_intro ?></p>
<?cs if:Form.Errors ?><p class="message bad" role="alert"><?cs var:L.notices.fix ?></p><?cs /if ?>
<form method="post" action="<?cs var:Site.Prefix ?>/notices/prefs" id="notice-prefs">
  <?cs call:csrf_field() ?>
  <fieldset class="field"><legend><?cs var:L.notices.channels ?></legend>
  <?cs each:c = L.notices.channel ?><label class="choice"><input type="checkbox" name="<?cs name:c ?>" value="1"<?cs if:Form.Value[name(c)] == "1" ?> checked<?cs /if ?>> <?cs var:c ?></label>
  <?cs /each ?></fieldset>
  <div class="field<?cs if:Form.Error.email ?> bad<?cs /if ?>"><label for="n-email"><?cs var:L.form.notices.email ?></label>
    <input id="n-email" type="email" name="email" maxlength="254" value="<?cs var:Form.Value.email ?>"<?cs if:Form.Error.email ?> aria-invalid="true" aria-describedby="n-email-err"<?cs /if ?>>
    <?cs if:Form.Error.email ?><p class="error-text" id="n-email-err"><?cs var:Form.Error.email ?></p><?cs /if ?></div>
  <fieldset class="field"><legend><?cs var:L.notices.quiet ?></legend>
  <p class="small"><?cs var:L.notices.quiet_school ?> <?cs var:Notices.SchoolQuietFrom ?> – <?cs var:Notices.SchoolQuietUntil ?></p>
  <div class="field<?cs if:Form.Error.quiet_from ?> bad<?cs /if ?>"><label for="n-qf"><?cs var:L.form.notices.quiet_from ?></label>
    <input id="n-qf" type="time" name="quiet_from" value="<?cs var:Form.Value.quiet_from ?>"<?cs if:Form.Error.quiet_from ?> aria-invalid="true" aria-describedby="n-qf-err"<?cs /if ?>>
    <?cs if:Form.Error.quiet_from ?><p class="error-text" id="n-qf-err"><?cs var:Form.Error.quiet_from ?></p><?cs /if ?></div>
  <div class="field<?cs if:Form.Error.quiet_until ?> bad<?cs /if ?>"><label for="n-qu"><?cs var:L.form.notices.quiet_until ?></label>
    <input id="n-qu" type="time" name="quiet_until" value="<?cs var:Form.Value.quiet_until ?>"<?cs if:Form.Error.quiet_until ?> aria-invalid="true" aria-describedby="n-qu-err"<?cs /if ?>>
    <?cs if:Form.Error.quiet_until ?><p class="error-text" id="n-qu-err"><?cs var:Form.Error.quiet_until ?></p><?cs /if ?></div>
  </fieldset>
  <button type="submit"><?cs var:L.notices.save ?></button>
</form>
</section>
<?cs if:Who.Is.Admin ?>
<section class="panel" id="remind-slots" aria-labelledby="remind-h">
<h2 id="remind-h"><?cs var:L.remind.title ?></h2>
<p class="small"><?cs var:L.remind.intro ?></p>
<?cs if:Query.slot ?><p class="message" role="status" id="slot-added"><?cs var:L.remind.added ?> <?cs var:Query.slot ?></p><?cs /if ?>
<?cs if:Query.removed ?><p class="message" role="status" id="slot-removed"><?cs var:L.remind.removed ?> <?cs var:Query.removed ?></p><?cs /if ?>
<?cs if:subcount(Remind.Slot) == 0 ?><p id="slots-none"><?cs var:L.remind.none ?></p><?cs else ?>
<ul id="slots"><?cs each:t = Remind.Slot ?>
  <li id="slot-<?cs var:t.at ?>"><?cs var:t.at ?>
  <form method="post" action="<?cs var:Site.Prefix ?>/notices/slot_remove" class="inline"><?cs call:csrf_field() ?>
    <input type="hidden" name="at" value="<?cs var:t.at ?>">
    <button type="submit" class="link"><?cs var:L.remind.remove ?> <?cs var:t.at ?></button></form></li>
<?cs /each ?></ul><?cs /if ?>
<form method="post" action="<?cs var:Site.Prefix ?>/notices/slot_add" id="slot-add">
  <?cs call:csrf_field() ?>
  <div class="field<?cs if:Form.Error.at ?> bad<?cs /if ?>"><label for="r-at"><?cs var:L.form.slot.at ?></label>
    <input id="r-at" type="time" name="at" required value="<?cs var:Form.Value.at ?>"<?cs if:Form.Error.at ?> aria-invalid="true" aria-describedby="r-at-err"<?cs /if ?>>
    <?cs if:Form.Error.at ?><p class="error-text" id="r-at-err"><?cs var:Form.Error.at ?></p><?cs /if ?></div>
  <button type="submit"><?cs var:L.remind.add ?></button>
</form>
</section>
<?cs /if ?>
<?cs include:"footer.cs" ?>
