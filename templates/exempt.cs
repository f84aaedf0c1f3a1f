<?cs include:"macros.cs" ?>
<?cs set:Page.Title = L.exempt.title ?>
<?cs include:"header.cs" ?>
<section class="panel">
<h1><?cs var:L.exempt.title ?></h1>
<p class="small"><?cs var:L.exempt.intro ?></p>
<?cs if:Query.added ?><p class="message" role="status" id="added"><?cs var:L.exempt.added ?></p><?cs /if ?>
<?cs if:Query.ended ?><p class="message" role="status" id="ended"><?cs var:L.exempt.ended ?></p><?cs /if ?>
<?cs if:subcount(Exempt.Row) == 0 ?><p id="exempt-empty"><?cs var:L.exempt.empty ?></p><?cs else ?>
<section class="scroll" tabindex="0" aria-label="<?cs var:L.exempt.title ?>">
<table class="list" id="exemptions">
<thead><tr><th><?cs var:L.exempt.col.who ?></th><th><?cs var:L.exempt.col.reason ?></th><th><?cs var:L.exempt.col.range ?></th><th><?cs var:L.exempt.col.people ?></th><th><?cs var:L.exempt.col.by ?></th><th><span class="vh"><?cs var:L.app.col_actions ?></span></th></tr></thead>
<tbody>
<?cs each:e = Exempt.Row ?>
<tr id="exemption-<?cs var:e.id ?>" class="<?cs if:e.ended_at ?>ended<?cs elif:e.current == "1" ?>current<?cs else ?>later<?cs /if ?>">
  <td><?cs if:e.kind == "status" ?><?cs var:L.person.status[e.status] ?><?cs elif:e.kind == "class" ?><?cs var:L.exempt.kind.class ?> <?cs var:e.class ?><?cs else ?><?cs var:e.person ?> <span class="small"><?cs var:e.number ?></span><?cs /if ?></td>
  <td><?cs var:e.reason ?></td>
  <td><?cs var:e.starts_on ?> – <?cs alt:e.ends_on ?><?cs var:L.exempt.open ?><?cs /alt ?><?cs if:e.ended_at ?><br><span class="small"><?cs var:L.exempt.ended_at ?> <?cs var:e.ended_at ?> <?cs var:e.ended_by ?></span><?cs /if ?></td>
  <td><?cs var:e.people ?></td>
  <td class="small"><?cs var:e.created_by ?> <?cs var:e.created_at ?></td>
  <td><?cs if:!e.ended_at ?><form method="post" action="<?cs var:Site.Prefix ?>/exempt/end" class="inline">
    <?cs call:csrf_field() ?><input type="hidden" name="id" value="<?cs var:e.id ?>">
    <button type="submit" class="link"><?cs var:L.exempt.end ?></button></form><?cs /if ?></td>
</tr>
<?cs /each ?>
</tbody>
</table>
</section>
<?cs /if ?>
</section>

<section class="panel">
<h2><?cs var:L.exempt.add ?></h2>
<?cs if:Form.Errors ?><p class="message bad" role="alert"><?cs var:L.exempt.fix ?></p><?cs /if ?>
<form method="post" action="<?cs var:Site.Prefix ?>/exempt/add" id="exempt-add">
  <?cs call:csrf_field() ?>
  <fieldset class="field<?cs if:Form.Error.kind ?> bad<?cs /if ?>"><legend><?cs var:L.form.exempt.kind ?></legend>
  <?cs each:k = L.exempt.kinds ?><label class="choice"><input type="radio" name="kind" value="<?cs name:k ?>"<?cs if:Form.Value.kind == name(k) ?> checked<?cs /if ?> required> <?cs var:k ?></label>
  <?cs /each ?>
  <?cs if:Form.Error.kind ?><p class="error-text"><?cs var:Form.Error.kind ?></p><?cs /if ?></fieldset>
  <div class="field<?cs if:Form.Error.status ?> bad<?cs /if ?>"><label for="x-status"><?cs var:L.form.exempt.status ?></label>
    <select id="x-status" name="status"><option value="">–</option>
    <?cs each:s = Exempt.Status ?><option value="<?cs var:s ?>"<?cs if:Form.Value.status == s ?> selected<?cs /if ?>><?cs var:L.person.status[s] ?></option><?cs /each ?>
    </select><?cs if:Form.Error.status ?><p class="error-text"><?cs var:Form.Error.status ?></p><?cs /if ?></div>
  <div class="field<?cs if:Form.Error.class_id ?> bad<?cs /if ?>"><label for="x-class"><?cs var:L.form.exempt.class_id ?></label>
    <select id="x-class" name="class_id"><option value="">–</option>
    <?cs each:c = Exempt.Class ?><option value="<?cs var:c.id ?>"<?cs if:Form.Value.class_id == c.id ?> selected<?cs /if ?>><?cs var:c.college ?> · <?cs var:c.name ?></option><?cs /each ?>
    </select><?cs if:Form.Error.class_id ?><p class="error-text"><?cs var:Form.Error.class_id ?></p><?cs /if ?></div>
  <div class="field<?cs if:Form.Error.number ?> bad<?cs /if ?>"><label for="x-number"><?cs var:L.form.exempt.number ?></label>
    <input id="x-number" type="text" name="number" maxlength="32" value="<?cs var:Form.Value.number ?>">
    <?cs if:Form.Error.number ?><p class="error-text"><?cs var:Form.Error.number ?></p><?cs /if ?></div>
  <div class="field<?cs if:Form.Error.reason ?> bad<?cs /if ?>"><label for="x-reason"><?cs var:L.form.exempt.reason ?></label>
    <input id="x-reason" type="text" name="reason" maxlength="200" required value="<?cs var:Form.Value.reason ?>">
    <?cs if:Form.Error.reason ?><p class="error-text"><?cs var:Form.Error.reason ?></p><?cs /if ?></div>
  <div class="field<?cs if:Form.Error.starts_on ?> bad<?cs /if ?>"><label for="x-from"><?cs var:L.form.exempt.starts_on ?></label>
    <input id="x-from" type="date" name="starts_on" required value="<?cs alt:Form.Value.starts_on ?><?cs var:Exempt.Today ?><?cs /alt ?>">
    <?cs if:Form.Error.starts_on ?><p class="error-text"><?cs var:Form.Error.starts_on ?></p><?cs /if ?></div>
  <div class="field<?cs if:Form.Error.ends_on ?> bad<?cs /if ?>"><label for="x-until"><?cs var:L.form.exempt.ends_on ?></label>
    <input id="x-until" type="date" name="ends_on" value="<?cs var:Form.Value.ends_on ?>">
    <?cs if:Form.Error.ends_on ?><p class="error-text"><?cs var:Form.Error.ends_on ?></p><?cs /if ?></div>
  <button type="submit"><?cs var:L.exempt.add ?></button>
</form>
</section>
<?cs include:"footer.cs" ?>
