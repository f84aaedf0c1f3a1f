<?cs # 临时出入审批: apply for a building one may not otherwise enter, and
     one's applications with their state. ?>
<?cs include:"macros.cs" ?>
<?cs set:Page.Title = L.temp.title ?>
<?cs include:"header.cs" ?>
<section class="panel">
  <h1><?cs var:L.temp.title ?></h1>
  <p class="small"><?cs var:L.temp.intro ?> <?cs var:Temp.MaxHours ?> <?cs var:L.temp.hours ?></p>
  <?cs if:Query.applied ?><p class="message" role="status" id="applied"><?cs var:L.temp.applied ?></p><?cs /if ?>
  <?cs if:Form.Errors ?><p class="message bad" role="alert"><?cs var:L.exempt.fix ?></p><?cs /if ?>
  <form method="post" action="<?cs var:Site.Prefix ?>/pass/temp" id="temp-form">
    <?cs call:csrf_field() ?>
    <div class="field<?cs if:Form.Error.building_id ?> bad<?cs /if ?>"><label for="t-building"><?cs var:L.form.temp.building_id ?></label>
      <select id="t-building" name="building_id"><?cs each:b = Temp.Building ?><option value="<?cs var:b.id ?>"<?cs if:Form.Value.building_id == b.id ?> selected<?cs /if ?>><?cs var:b.name ?></option><?cs /each ?></select>
      <?cs if:Form.Error.building_id ?><p class="error-text"><?cs var:Form.Error.building_id ?></p><?cs /if ?></div>
    <div class="field<?cs if:Form.Error.approver_id ?> bad<?cs /if ?>"><label for="t-approver"><?cs var:L.form.temp.approver_id ?></label>
      <select id="t-approver" name="approver_id"><option value=""><?cs var:L.temp.counselor ?></option>
      <?cs each:a = Temp.Approver ?><option value="<?cs var:a.id ?>"<?cs if:Form.Value.approver_id == a.id ?> selected<?cs /if ?>><?cs var:a.building ?> · <?cs var:a.name ?></option><?cs /each ?></select>
      <?cs if:Form.Error.approver_id ?><p class="error-text"><?cs var:Form.Error.approver_id ?></p><?cs /if ?></div>
    <div class="field<?cs if:Form.Error.reason ?> bad<?cs /if ?>"><label for="t-reason"><?cs var:L.form.temp.reason ?></label>
      <input id="t-reason" type="text" name="reason" maxlength="200" required value="<?cs var:Form.Value.reason ?>">
      <?cs if:Form.Error.reason ?><p class="error-text"><?cs var:Form.Error.reason ?></p><?cs /if ?></div>
    <div class="field<?cs if:Form.Error.valid_from ?> bad<?cs /if ?>"><label for="t-from"><?cs var:L.form.temp.valid_from ?></label>
      <input id="t-from" type="datetime-local" name="valid_from" required value="<?cs alt:Form.Value.valid_from ?><?cs var:Temp.Now ?><?cs /alt ?>">
      <?cs if:Form.Error.valid_from ?><p class="error-text"><?cs var:Form.Error.valid_from ?></p><?cs /if ?></div>
    <div class="field<?cs if:Form.Error.valid_until ?> bad<?cs /if ?>"><label for="t-until"><?cs var:L.form.temp.valid_until ?></label>
      <input id="t-until" type="datetime-local" name="valid_until" required value="<?cs var:Form.Value.valid_until ?>">
      <?cs if:Form.Error.valid_until ?><p class="error-text"><?cs var:Form.Error.valid_until ?></p><?cs /if ?></div>
    <button type="submit" class="primary"><?cs var:L.temp.submit ?></button>
  </form>
</section>
<?cs if:subcount(Temp.Mine) > 0 ?>
<section class="panel">
  <h2><?cs var:L.temp.mine ?></h2>
  <ul class="temp-passes">
  <?cs each:m = Temp.Mine ?>
  <li id="temp-<?cs var:m.id ?>" data-state="<?cs var:m.state ?>"><strong><?cs var:m.building ?></strong> <?cs var:m.valid_from ?> – <?cs var:m.valid_until ?>
    · <?cs var:L.temp.state[m.state] ?><?cs if:m.approver ?> · <?cs var:m.approver ?><?cs /if ?><?cs if:m.decision_reason ?> · <?cs var:m.decision_reason ?><?cs /if ?>
    <br><span class="small"><?cs var:m.reason ?></span></li>
  <?cs /each ?>
  </ul>
  <p><a href="<?cs var:Site.Prefix ?>/pass"><?cs var:L.pass.title ?></a></p>
</section>
<?cs /if ?>
<?cs include:"footer.cs" ?>
