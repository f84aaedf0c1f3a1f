<?cs include:"macros.cs" ?>
<?cs set:Page.Title = L.org.edit_title ?>
<?cs include:"header.cs" ?>
<section class="panel">
  <h1><?cs var:L.org.edit_title ?>: <?cs var:Edit.Unit.code ?> <?cs var:Edit.Unit.name ?></h1>
  <p><?cs var:L.org.kinds[Edit.Unit.kind] ?><?cs if:Edit.Unit.retired_at ?> · <span class="tag" id="unit-retired"><?cs if:Edit.Unit.merged_code ?><?cs var:L.org.merged ?> → <?cs var:Edit.Unit.merged_code ?> <?cs var:Edit.Unit.merged_name ?><?cs else ?><?cs var:L.org.retired ?><?cs /if ?> <?cs var:Edit.Unit.retired_at ?></span><?cs /if ?></p>
  <?cs if:Query.done == "merge" ?><p class="message" role="status" id="org-done"><?cs var:L.org.done.merge ?> <?cs var:Query.n ?></p>
  <?cs elif:Query.done ?><p class="message" role="status" id="org-done"><?cs var:L.org.done[Query.done] ?></p><?cs /if ?>
  <?cs if:Form.Error.form ?><p class="message bad" role="alert" id="org-error"><?cs var:Form.Error.form ?></p><?cs /if ?>
  <p><a href="<?cs var:Site.Prefix ?>/org"><?cs var:L.org.back ?></a></p>
</section>
<?cs if:Edit.Changeable && !Edit.Unit.retired_at ?>
<section class="panel">
  <h2><?cs var:L.org.rename ?></h2>
  <form method="post" action="<?cs var:Site.Prefix ?>/org/rename" id="org-rename">
    <?cs call:csrf_field() ?>
    <input type="hidden" name="id" value="<?cs var:Edit.Unit.id ?>">
    <?cs call:text_field("code", 32, 1, L.form.org.code) ?>
    <?cs call:text_field("name", 100, 1, L.form.org.name) ?>
    <button type="submit" class="primary"><?cs var:L.org.rename_submit ?></button>
  </form>
</section>
<section class="panel">
  <h2><?cs var:L.org.merge ?></h2>
  <p class="small"><?cs var:L.org.merge_note ?></p>
  <form method="post" action="<?cs var:Site.Prefix ?>/org/merge" id="org-merge">
    <?cs call:csrf_field() ?>
    <input type="hidden" name="id" value="<?cs var:Edit.Unit.id ?>">
    <div class="field<?cs if:Form.Error.into ?> bad<?cs /if ?>">
      <label for="f-into"><?cs var:L.form.org.into ?></label>
      <select id="f-into" name="into">
        <option value=""><?cs var:L.org.choose ?></option>
        <?cs each:t = Edit.Target ?><option value="<?cs var:t.id ?>"<?cs if:Form.Value.into == t.id ?> selected<?cs /if ?>><?cs var:t.code ?> <?cs var:t.name ?></option><?cs /each ?>
      </select>
      <?cs if:Form.Error.into ?><p class="error-text"><?cs var:Form.Error.into ?></p><?cs /if ?>
    </div>
    <button type="submit"><?cs var:L.org.merge_submit ?></button>
  </form>
</section>
<section class="panel">
  <h2><?cs var:L.org.retire ?></h2>
  <p class="small"><?cs var:L.org.retire_note ?></p>
  <form method="post" action="<?cs var:Site.Prefix ?>/org/retire" id="org-retire">
    <?cs call:csrf_field() ?>
    <input type="hidden" name="id" value="<?cs var:Edit.Unit.id ?>">
    <button type="submit"><?cs var:L.org.retire_submit ?></button>
  </form>
</section>
<?cs /if ?>
<?cs include:"footer.cs" ?>
