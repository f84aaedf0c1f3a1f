<?cs include:"macros.cs" ?>
<?cs set:Page.Title = L.ctest.title ?>
<?cs include:"header.cs" ?>
<section class="panel">
  <h1><?cs var:L.ctest.title ?></h1>
  <p class="small"><?cs var:L.ctest.intro ?></p>
  <?cs if:Query.recorded ?><p class="message" role="status" id="recorded"><?cs var:L.ctest.recorded ?></p><?cs /if ?>
  <?cs if:Page.Message ?><p class="message bad" role="alert" id="import-message"><?cs var:Page.Message ?><?cs if:Page.Detail ?> <span id="sheet-problem"><?cs var:Page.Detail ?></span><?cs /if ?></p><?cs /if ?>
  <?cs if:Import.Applied ?>
  <p class="message" role="status" id="import-applied"><?cs var:L.ctest.applied ?> <?cs var:Import.File ?>:
    <span id="n-rows"><?cs var:Import.Rows ?></span> <?cs var:L.ctest.results ?>,
    <span id="n-positive"><?cs var:Import.Positive ?></span> <?cs var:L.ctest.positive_n ?></p>
  <?cs elif:Import.Bad > 0 ?>
  <div class="message bad" role="alert" id="import-rejected">
    <p><?cs var:L.roster.rejected ?> <?cs var:Import.File ?> (<span id="bad-count"><?cs var:Import.Bad ?></span> <?cs var:L.roster.bad_rows ?>)</p>
    <ul class="bad-rows"><?cs each:e = Import.Error ?><li data-row="<?cs var:e.Row ?>" data-col="<?cs var:e.Col ?>"><?cs var:L.roster.row ?> <?cs var:e.Row ?> <?cs var:L.roster.row_suffix ?><?cs if:e.Col ?> <?cs var:L.sheet.col ?> <?cs var:e.Col ?> <?cs var:L.sheet.col_suffix ?><?cs /if ?>: <?cs var:e.Reason ?></li><?cs /each ?></ul>
  </div>
  <?cs /if ?>
</section>

<?cs if:Who.Is.Admin || Who.Is.CollegeAdmin ?>
<section class="panel" aria-labelledby="import-h">
  <h2 id="import-h"><?cs var:L.ctest.import_title ?></h2>
  <p><?cs var:L.ctest.columns ?></p>
  <form method="post" action="<?cs var:Site.Prefix ?>/testing/import" enctype="multipart/form-data" id="import-form">
    <?cs call:csrf_field() ?>
    <div class="field"><label for="import-file"><?cs var:L.ctest.file ?></label>
    <input type="file" id="import-file" name="file" accept=".xlsx,.csv"></div>
    <p class="small"><?cs var:L.roster.all_or_nothing ?></p>
    <button type="submit" class="primary"><?cs var:L.ctest.import ?></button>
  </form>
</section>
<?cs /if ?>

<?cs if:Who.Is.Admin || Who.Is.Counselor ?>
<section class="panel" aria-labelledby="record-h">
  <h2 id="record-h"><?cs var:L.ctest.record_title ?></h2>
  <?cs if:Form.Errors ?><p class="message bad" role="alert"><?cs var:L.ctest.fix ?></p><?cs /if ?>
  <form method="post" action="<?cs var:Site.Prefix ?>/testing/record" id="record-form">
    <?cs call:csrf_field() ?>
    <div class="field<?cs if:Form.Error.number ?> bad<?cs /if ?>"><label for="t-number"><?cs var:L.form.ctest.number ?></label>
      <input id="t-number" type="text" name="number" maxlength="32" required value="<?cs var:Form.Value.number ?>">
      <?cs if:Form.Error.number ?><p class="error-text" id="err-number"><?cs var:Form.Error.number ?></p><?cs /if ?></div>
    <div class="field<?cs if:Form.Error.sampled_at ?> bad<?cs /if ?>"><label for="t-at"><?cs var:L.form.ctest.sampled_at ?></label>
      <input id="t-at" type="text" name="sampled_at" maxlength="19" required placeholder="2026-11-30 08:30" value="<?cs var:Form.Value.sampled_at ?>">
      <?cs if:Form.Error.sampled_at ?><p class="error-text" id="err-sampled_at"><?cs var:Form.Error.sampled_at ?></p><?cs /if ?></div>
    <fieldset class="field<?cs if:Form.Error.result ?> bad<?cs /if ?>"><legend><?cs var:L.form.ctest.result ?></legend>
      <label class="choice"><input type="radio" name="result" value="negative"<?cs if:Form.Value.result == "negative" ?> checked<?cs /if ?> required> <?cs var:L.ctest.result.negative ?></label>
      <label class="choice"><input type="radio" name="result" value="positive"<?cs if:Form.Value.result == "positive" ?> checked<?cs /if ?>> <?cs var:L.ctest.result.positive ?></label>
      <?cs if:Form.Error.result ?><p class="error-text" id="err-result"><?cs var:Form.Error.result ?></p><?cs /if ?></fieldset>
    <button type="submit"><?cs var:L.ctest.record ?></button>
  </form>
</section>
<?cs /if ?>

<section class="panel" aria-labelledby="list-h">
  <h2 id="list-h"><?cs var:L.ctest.latest ?></h2>
  <?cs if:subcount(Tests.Row) == 0 ?><p id="tests-empty"><?cs var:L.ctest.empty ?></p><?cs else ?>
  <section class="scroll" tabindex="0" aria-label="<?cs var:L.ctest.latest ?> (<?cs var:L.ctest.table ?>)">
  <table class="list" id="tests">
    <thead><tr><th scope="col"><?cs var:L.form.ctest.number ?></th><th scope="col"><?cs var:L.ctest.col.name ?></th><th scope="col"><?cs var:L.ctest.col.college ?></th><th scope="col"><?cs var:L.form.ctest.sampled_at ?></th><th scope="col"><?cs var:L.form.ctest.result ?></th><th scope="col"><?cs var:L.ctest.col.by ?></th></tr></thead>
    <tbody><?cs each:t = Tests.Row ?><tr class="result-<?cs var:t.result ?>" data-number="<?cs var:t.number ?>"><td><?cs var:t.number ?></td><td><?cs var:t.name ?></td><td><?cs var:t.college ?></td><td><?cs var:t.sampled_at ?></td><td><?cs var:L.ctest.result[t.result] ?></td><td class="small"><?cs var:t.recorded_by ?> <?cs var:t.recorded_at ?> (<?cs var:L.ctest.source[t.source] ?>)</td></tr><?cs /each ?></tbody>
  </table>
  </section>
  <?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
