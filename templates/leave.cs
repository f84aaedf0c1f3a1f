<?cs # 请销假: the student's leave form and leaves; who is out, for staff. ?>
<?cs include:"macros.cs" ?>
<?cs set:Page.Title = L.leave.title ?>
<?cs include:"header.cs" ?>
<?cs if:Leave.Staff ?>
<section class="panel">
  <h1><?cs var:L.leave.away ?> <span id="overdue-count" class="<?cs if:Leave.Overdue > 0 ?>tag bad<?cs /if ?>"><?cs var:L.leave.overdue ?> <?cs var:Leave.Overdue ?></span></h1>
  <?cs if:subcount(Leave.Away) == 0 ?><p id="nobody-away"><?cs var:L.leave.nobody_away ?></p><?cs else ?>
  <section class="scroll" tabindex="0" aria-label="<?cs var:L.leave.away ?>">
  <table class="list" id="away">
    <thead><tr><th><?cs var:L.card.name ?></th><th><?cs var:L.leave.days ?></th><th><?cs var:L.form.leave.destination ?></th><th><?cs var:L.leave.out_at ?></th></tr></thead>
    <tbody>
    <?cs each:a = Leave.Away ?>
    <tr id="away-<?cs var:a.id ?>"<?cs if:a.overdue == "1" ?> class="overdue"<?cs /if ?>><td><a href="<?cs var:Site.Prefix ?>/person?id=<?cs var:a.person ?>"><?cs var:a.name ?></a> <span class="small"><?cs var:a.number ?></span></td>
      <td><?cs var:a.starts_on ?> – <?cs var:a.ends_on ?><?cs if:a.overdue == "1" ?> <span class="tag bad"><?cs var:L.leave.overdue ?></span><?cs /if ?></td><td><?cs var:a.destination ?></td><td><?cs var:a.exited_at ?></td></tr>
    <?cs /each ?>
    </tbody>
  </table>
  </section>
  <?cs /if ?>
</section>
<?cs /if ?>
<?cs if:Who.Is.Student ?>
<section class="panel">
  <h1><?cs var:L.leave.title ?></h1>
  <p class="small"><?cs var:L.leave.intro ?></p>
  <?cs if:Query.applied ?><p class="message" role="status" id="applied"><?cs var:L.leave.applied ?></p><?cs /if ?>
  <form method="post" action="<?cs var:Site.Prefix ?>/leave" id="leave-form">
    <?cs call:csrf_field() ?>
    <div class="field<?cs if:Form.Error.starts_on ?> bad<?cs /if ?>"><label for="l-from"><?cs var:L.form.leave.starts_on ?></label>
      <input id="l-from" type="date" name="starts_on" required value="<?cs alt:Form.Value.starts_on ?><?cs var:Leave.Today ?><?cs /alt ?>">
      <?cs if:Form.Error.starts_on ?><p class="error-text"><?cs var:Form.Error.starts_on ?></p><?cs /if ?></div>
    <div class="field<?cs if:Form.Error.ends_on ?> bad<?cs /if ?>"><label for="l-until"><?cs var:L.form.leave.ends_on ?></label>
      <input id="l-until" type="date" name="ends_on" required value="<?cs var:Form.Value.ends_on ?>">
      <?cs if:Form.Error.ends_on ?><p class="error-text"><?cs var:Form.Error.ends_on ?></p><?cs /if ?></div>
    <div class="field<?cs if:Form.Error.destination ?> bad<?cs /if ?>"><label for="l-to"><?cs var:L.form.leave.destination ?></label>
      <input id="l-to" type="text" name="destination" maxlength="100" required value="<?cs var:Form.Value.destination ?>">
      <?cs if:Form.Error.destination ?><p class="error-text"><?cs var:Form.Error.destination ?></p><?cs /if ?></div>
    <div class="field<?cs if:Form.Error.reason ?> bad<?cs /if ?>"><label for="l-why"><?cs var:L.form.leave.reason ?></label>
      <input id="l-why" type="text" name="reason" maxlength="200" required value="<?cs var:Form.Value.reason ?>">
      <?cs if:Form.Error.reason ?><p class="error-text"><?cs var:Form.Error.reason ?></p><?cs /if ?></div>
    <button type="submit" class="primary"><?cs var:L.leave.submit ?></button>
  </form>
</section>
<?cs if:subcount(Leave.Mine) > 0 ?>
<section class="panel">
  <h2><?cs var:L.leave.mine ?></h2>
  <ul class="leaves">
  <?cs each:l = Leave.Mine ?>
  <li id="leave-<?cs var:l.id ?>" data-state="<?cs var:l.state ?>"><strong><?cs var:l.starts_on ?> – <?cs var:l.ends_on ?></strong> <?cs var:l.destination ?> · <?cs var:L.temp.state[l.state] ?>
    <?cs if:l.exited_at ?> · <?cs var:L.leave.out_at ?> <?cs var:l.exited_at ?><?cs /if ?><?cs if:l.returned_at ?> · <?cs var:L.leave.back_at ?> <?cs var:l.returned_at ?><?cs /if ?>
    <?cs if:l.overdue == "1" ?> <span class="tag bad"><?cs var:L.leave.overdue ?></span><?cs /if ?><?cs if:l.decision_reason ?> · <?cs var:l.decision_reason ?><?cs /if ?></li>
  <?cs /each ?>
  </ul>
</section>
<?cs /if ?>
<?cs if:Commute.Me.boarding == "0" ?>
<section class="panel" id="commute">
  <h1><?cs var:L.commute.title ?></h1>
  <p class="small"><?cs var:L.commute.intro ?></p>
  <?cs if:Query.commuted ?><p class="message" role="status" id="commuted"><?cs var:L.commute.applied ?></p><?cs /if ?>
  <form method="post" action="<?cs var:Site.Prefix ?>/leave/commute" id="commute-form">
    <?cs call:csrf_field() ?>
    <div class="field<?cs if:Commute.Bad && Form.Error.address ?> bad<?cs /if ?>"><label for="c-address"><?cs var:L.form.commute.address ?></label>
      <input id="c-address" type="text" name="address" maxlength="200" required value="<?cs if:Commute.Bad ?><?cs var:Form.Value.address ?><?cs /if ?>">
      <?cs if:Commute.Bad && Form.Error.address ?><p class="error-text"><?cs var:Form.Error.address ?></p><?cs /if ?></div>
    <div class="field<?cs if:Commute.Bad && Form.Error.valid_from ?> bad<?cs /if ?>"><label for="c-from"><?cs var:L.form.commute.valid_from ?></label>
      <input id="c-from" type="date" name="valid_from" required value="<?cs if:Commute.Bad ?><?cs var:Form.Value.valid_from ?><?cs else ?><?cs var:Leave.Today ?><?cs /if ?>">
      <?cs if:Commute.Bad && Form.Error.valid_from ?><p class="error-text"><?cs var:Form.Error.valid_from ?></p><?cs /if ?></div>
    <div class="field<?cs if:Commute.Bad && Form.Error.valid_until ?> bad<?cs /if ?>"><label for="c-until"><?cs var:L.form.commute.valid_until ?></label>
      <input id="c-until" type="date" name="valid_until" required value="<?cs if:Commute.Bad ?><?cs var:Form.Value.valid_until ?><?cs /if ?>">
      <?cs if:Commute.Bad && Form.Error.valid_until ?><p class="error-text"><?cs var:Form.Error.valid_until ?></p><?cs /if ?></div>
    <div class="field<?cs if:Commute.Bad && Form.Error.reason ?> bad<?cs /if ?>"><label for="c-why"><?cs var:L.form.commute.reason ?></label>
      <input id="c-why" type="text" name="reason" maxlength="200" required value="<?cs if:Commute.Bad ?><?cs var:Form.Value.reason ?><?cs /if ?>">
      <?cs if:Commute.Bad && Form.Error.reason ?><p class="error-text"><?cs var:Form.Error.reason ?></p><?cs /if ?></div>
    <button type="submit" class="primary"><?cs var:L.commute.submit ?></button>
  </form>
  <?cs if:subcount(Commute.Mine) > 0 ?>
  <ul class="leaves" id="commutes">
  <?cs each:c = Commute.Mine ?>
  <li id="commute-<?cs var:c.id ?>" data-state="<?cs var:c.state ?>"<?cs if:c.valid == "1" ?> data-valid="1"<?cs /if ?>><strong><?cs var:c.valid_from ?> – <?cs var:c.valid_until ?></strong> <?cs var:c.address ?> · <?cs var:L.temp.state[c.state] ?>
    <?cs if:c.expired == "1" ?> <span class="tag bad"><?cs var:L.commute.expired ?></span><?cs /if ?><?cs if:c.decision_reason ?> · <?cs var:c.decision_reason ?><?cs /if ?></li>
  <?cs /each ?>
  </ul>
  <?cs /if ?>
</section>
<?cs /if ?>
<?cs /if ?>
<?cs include:"footer.cs" ?>
