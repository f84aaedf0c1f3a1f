<?cs include:"macros.cs" ?>
<?cs set:Page.Title = L.pimport.title ?>
<?cs def:field_value(f, v) ?><?cs if:f == "identity" ?><?cs var:L.form.person.identity[v] ?><?cs elif:f == "status" ?><?cs var:L.form.person.status[v] ?><?cs elif:f == "boarding" ?><?cs if:v == "1" ?><?cs var:L.pimport.yes ?><?cs else ?><?cs var:L.pimport.no ?><?cs /if ?><?cs elif:v == "" ?><?cs var:L.people.none ?><?cs else ?><?cs var:v ?><?cs /if ?><?cs /def ?>
<?cs include:"header.cs" ?>
<section class="panel">
  <h1><?cs var:L.pimport.title ?></h1>
  <p><a href="<?cs var:Site.Prefix ?>/people"><?cs var:L.people.back ?></a></p>
  <?cs if:Page.Message ?><p class="message bad" role="alert" id="import-message"><?cs var:Page.Message ?><?cs if:Page.Detail ?> <span id="sheet-problem"><?cs var:Page.Detail ?></span><?cs /if ?></p><?cs /if ?>
  <?cs if:Import.Applied ?>
  <p class="message" role="status" id="import-applied"><?cs var:L.pimport.applied ?> <?cs var:Import.File ?>:
    <?cs var:L.pimport.added ?> <span id="n-added"><?cs var:Import.Added ?></span>,
    <?cs var:L.pimport.changed ?> <span id="n-changed"><?cs var:Import.Changed ?></span>,
    <?cs var:L.pimport.unchanged ?> <span id="n-unchanged"><?cs var:Import.Unchanged ?></span></p>
  <?cs elif:Import.Bad > 0 ?>
  <div class="message bad" role="alert" id="import-rejected">
    <p><?cs var:L.roster.rejected ?> <?cs var:Import.File ?> (<span id="bad-count"><?cs var:Import.Bad ?></span> <?cs var:L.roster.bad_rows ?>)</p>
    <ul class="bad-rows"><?cs each:e = Import.Error ?><li><?cs var:L.roster.row ?> <?cs var:e.Row ?> <?cs var:L.roster.row_suffix ?><?cs if:e.Where ?> <?cs var:e.Where ?><?cs /if ?>: <?cs var:e.Reason ?></li><?cs /each ?></ul>
  </div>
  <?cs /if ?>
</section>
<?cs if:Import.Draft ?>
<section class="panel" aria-labelledby="preview-h">
  <h2 id="preview-h"><?cs var:L.pimport.preview ?> <?cs var:Import.File ?></h2>
  <p id="preview-counts"><?cs var:L.pimport.added ?> <span id="n-added"><?cs var:Import.Added ?></span>,
    <?cs var:L.pimport.changed ?> <span id="n-changed"><?cs var:Import.Changed ?></span>,
    <?cs var:L.pimport.unchanged ?> <span id="n-unchanged"><?cs var:Import.Unchanged ?></span></p>
  <?cs if:Import.Added > 0 ?>
  <h3 id="added-h"><?cs var:L.pimport.added_list ?></h3>
  <section class="table-wrap" tabindex="0" aria-labelledby="added-h">
  <table class="list" id="import-added">
    <thead><tr><th scope="col"><?cs var:L.form.person.number ?></th><th scope="col"><?cs var:L.form.person.name ?></th><th scope="col"><?cs var:L.form.person.identity ?></th><th scope="col"><?cs var:L.people.college ?></th><th scope="col"><?cs var:L.people.class ?></th></tr></thead>
    <tbody><?cs each:p = Import.Add ?><tr><td><?cs var:p.number ?></td><td><?cs var:p.name ?></td><td><?cs var:L.form.person.identity[p.identity] ?></td><td><?cs var:p.college ?></td><td><?cs var:p.class ?></td></tr><?cs /each ?></tbody>
  </table>
  </section>
  <?cs if:Import.Added > subcount(Import.Add) ?><p class="small"><?cs var:L.pimport.first_only ?> <?cs var:subcount(Import.Add) ?></p><?cs /if ?>
  <?cs /if ?>
  <?cs if:Import.Changed > 0 ?>
  <h3><?cs var:L.pimport.changed_list ?></h3>
  <ul class="import-changes" id="import-changed">
  <?cs each:c = Import.Change ?><li><?cs var:c.number ?> <?cs var:c.name ?>:
    <?cs each:f = c.Field ?><span class="change"><?cs var:L.pimport.field[f.name] ?> <?cs call:field_value(f.name, f.old) ?> → <?cs call:field_value(f.name, f.new) ?></span><?cs if:!last(f) ?>; <?cs /if ?><?cs /each ?></li>
  <?cs /each ?>
  </ul>
  <?cs if:Import.Changed > subcount(Import.Change) ?><p class="small"><?cs var:L.pimport.first_only ?> <?cs var:subcount(Import.Change) ?></p><?cs /if ?>
  <?cs /if ?>
  <?cs if:Import.Added > 0 || Import.Changed > 0 ?>
  <form method="post" action="<?cs var:Site.Prefix ?>/people/apply" id="import-apply">
    <?cs call:csrf_field() ?>
    <input type="hidden" name="draft" value="<?cs var:Import.Draft ?>">
    <p class="small"><?cs var:L.pimport.apply_note ?></p>
    <button type="submit" class="primary"><?cs var:L.pimport.apply ?></button>
  </form>
  <?cs else ?>
  <p class="message" role="status" id="import-nothing"><?cs var:L.pimport.nothing ?></p>
  <?cs /if ?>
</section>
<?cs /if ?>
<section class="panel" aria-labelledby="upload-h">
  <h2 id="upload-h"><?cs var:L.pimport.upload_title ?></h2>
  <p><?cs var:L.pimport.columns ?></p>
  <p><?cs var:L.roster.templates ?> <a href="<?cs var:Site.Prefix ?>/people/template?fmt=xlsx" id="template-xlsx">.xlsx</a> · <a href="<?cs var:Site.Prefix ?>/people/template?fmt=csv" id="template-csv">.csv</a></p>
  <form method="post" action="<?cs var:Site.Prefix ?>/people/import" enctype="multipart/form-data" id="import-form">
    <?cs call:csrf_field() ?>
    <div class="field"><label for="import-file"><?cs var:L.roster.file ?></label>
    <input type="file" id="import-file" name="file" accept=".xlsx,.csv"></div>
    <p class="small"><?cs var:L.roster.all_or_nothing ?></p>
    <button type="submit" class="primary"><?cs var:L.pimport.preview_button ?></button>
  </form>
</section>
<?cs include:"footer.cs" ?>
