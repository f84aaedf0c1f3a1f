<?cs include:"macros.cs" ?>
<?cs set:Page.Title = L.roster.title ?>
<?cs include:"header.cs" ?>
<section class="panel">
<h1><?cs var:L.roster.title ?></h1>
<p class="small"><?cs var:Roster.Term.name ?> (<?cs var:Roster.Term.starts_on ?> – <?cs var:Roster.Term.ends_on ?>)</p>
<?cs if:Page.Message ?><p class="message bad" role="alert"><?cs var:Page.Message ?><?cs if:Page.Detail ?> <span id="sheet-problem"><?cs var:Page.Detail ?></span><?cs /if ?></p><?cs /if ?>
<?cs if:Import.Applied ?>
<p class="message" id="import-applied"><?cs var:L.roster.applied ?> <?cs var:Import.File ?>: <?cs var:Import.Rows ?> <?cs var:L.roster.rows ?>
 (+<?cs var:Import.Added ?> −<?cs var:Import.Deleted ?> ~<?cs var:Import.Moved ?>, <?cs var:L.roster.reassigned ?> <?cs var:Import.Reassigned ?>)</p>
<?cs elif:subcount(Import.Error) > 0 ?>
<div class="message bad" role="alert">
<p><?cs var:L.roster.rejected ?> <?cs var:Import.File ?> (<span id="bad-count"><?cs var:Import.Bad ?></span> <?cs var:L.roster.bad_rows ?>)</p>
<ul class="bad-rows"><?cs each:e = Import.Error ?><li><?cs var:L.roster.row ?> <?cs var:e.Row ?> <?cs var:L.roster.row_suffix ?>: <?cs var:e.Reason ?></li><?cs /each ?></ul>
</div>
<?cs /if ?>
<table class="list">
<thead><tr><th><?cs var:L.roster.batch ?></th><th><?cs var:L.review.window_from ?></th><th><?cs var:L.review.window_until ?></th><th><?cs var:L.roster.people ?></th></tr></thead>
<tbody><?cs each:b = Roster.Batch ?><tr><td><?cs var:b.name ?></td><td><?cs var:b.return_from ?></td><td><?cs var:b.return_until ?></td><td><?cs var:b.people ?></td></tr><?cs /each ?></tbody>
</table>
</section>
<section class="panel">
<h2><?cs var:L.roster.import ?></h2>
<p><?cs var:L.roster.templates ?>
  <a href="<?cs var:Site.Prefix ?>/roster/template?kind=add"><?cs var:L.roster.kind.add ?></a> ·
  <a href="<?cs var:Site.Prefix ?>/roster/template?kind=delete"><?cs var:L.roster.kind.delete ?></a> ·
  <a href="<?cs var:Site.Prefix ?>/roster/template?kind=modify"><?cs var:L.roster.kind.modify ?></a></p>
<form method="post" action="<?cs var:Site.Prefix ?>/roster/import" enctype="multipart/form-data">
  <?cs call:csrf_field() ?>
  <fieldset><legend><?cs var:L.roster.which ?></legend>
  <label class="choice"><input type="radio" name="kind" value="add" checked> <?cs var:L.roster.kind.add ?></label>
  <label class="choice"><input type="radio" name="kind" value="delete"> <?cs var:L.roster.kind.delete ?></label>
  <label class="choice"><input type="radio" name="kind" value="modify"> <?cs var:L.roster.kind.modify ?></label>
  </fieldset>
  <div class="field"><label for="roster-file"><?cs var:L.roster.file ?></label>
  <input type="file" id="roster-file" name="file" accept=".xlsx,.csv"></div>
  <p class="small"><?cs var:L.roster.all_or_nothing ?></p>
  <button type="submit" class="primary"><?cs var:L.roster.upload ?></button>
</form>
</section>
<?cs if:Who.Is.Admin ?>
<section class="panel">
<h2><?cs var:L.roster.terms ?></h2>
<ul><?cs each:t = Roster.Terms ?><li><?cs var:t.name ?> (<?cs var:t.starts_on ?> – <?cs var:t.ends_on ?>)</li><?cs /each ?></ul>
<form method="post" action="<?cs var:Site.Prefix ?>/roster/term" class="row">
  <?cs call:csrf_field() ?>
  <label><?cs var:L.form.term.term_name ?> <input type="text" name="term_name" maxlength="64" value="<?cs var:Query.term_name ?>"></label>
  <label><?cs var:L.form.term.starts_on ?> <input type="date" name="starts_on" value="<?cs var:Query.starts_on ?>"></label>
  <label><?cs var:L.form.term.ends_on ?> <input type="date" name="ends_on" value="<?cs var:Query.ends_on ?>"></label>
  <button type="submit"><?cs var:L.roster.add_term ?></button>
</form>
</section>
<section class="panel">
<h2><?cs var:L.roster.add_batch ?></h2>
<form method="post" action="<?cs var:Site.Prefix ?>/roster/batch">
  <?cs call:csrf_field() ?>
  <?cs call:form_fields() ?>
  <button type="submit"><?cs var:L.roster.add_batch ?></button>
</form>
</section>
<?cs else ?>
<p class="small" id="counselor-scope"><?cs var:L.roster.counselor_scope ?></p>
<?cs /if ?>
<?cs include:"footer.cs" ?>
