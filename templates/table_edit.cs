<?cs include:"macros.cs" ?>
<?cs set:Page.Title = L.table.edit.title ?>
<?cs include:"header.cs" ?>
<section class="panel">
<h1><?cs var:L.table.edit.title ?></h1>
<p><strong><?cs var:Edit.name ?></strong> <?cs var:Edit.number ?> · <?cs var:Edit.term_name ?></p>
<?cs if:Edit.Message ?><p class="message bad" role="alert" id="edit-message"><?cs var:Edit.Message ?></p>
<?cs else ?>
<p class="small"><?cs var:L.table.edit.current ?> <span id="current-window"><?cs var:Edit.allowed_from ?> – <?cs var:Edit.allowed_until ?></span></p>
<form method="post" action="<?cs var:Site.Prefix ?>/table/edit">
  <?cs call:csrf_field() ?>
  <input type="hidden" name="person" value="<?cs var:Edit.person ?>">
  <input type="hidden" name="term" value="<?cs var:Edit.term ?>">
  <?cs call:form_fields() ?>
  <p class="small"><?cs var:L.table.edit.audited ?></p>
  <button type="submit" class="primary"><?cs var:L.table.edit.save ?></button>
</form>
<?cs /if ?>
<p><a href="<?cs var:Site.Prefix ?>/table?term=<?cs var:Edit.term ?>&amp;number=<?cs var:url_escape(Edit.number) ?>"><?cs var:L.table.back ?></a></p>
</section>
<?cs include:"footer.cs" ?>
