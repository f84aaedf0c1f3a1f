<?cs include:"macros.cs" ?>
<?cs set:Page.Title = L.policy.title ?>
<?cs include:"header.cs" ?>
<?cs def:policy_field(name, min, max, step) ?>
  <div class="field<?cs if:Form.Error[name] ?> bad<?cs /if ?>"><label for="p-<?cs var:name ?>"><?cs var:L.form.policy[name] ?></label>
    <input id="p-<?cs var:name ?>" name="<?cs var:name ?>" <?cs if:step ?>type="number" min="<?cs var:min ?>" max="<?cs var:max ?>" step="<?cs var:step ?>"<?cs else ?>type="text" maxlength="5" inputmode="numeric"<?cs /if ?> required value="<?cs var:Form.Value[name] ?>"<?cs if:Form.Error[name] ?> aria-invalid="true" aria-describedby="p-<?cs var:name ?>-err"<?cs /if ?>>
    <p class="small"><?cs var:L.policy.hint[name] ?></p>
    <?cs if:Form.Error[name] ?><p class="error-text" id="p-<?cs var:name ?>-err"><?cs var:Form.Error[name] ?></p><?cs /if ?></div>
<?cs /def ?>
<section class="panel">
<h1><?cs var:L.policy.title ?></h1>
<p class="small"><?cs var:L.policy.intro ?></p>
<p><a href="<?cs var:Site.Prefix ?>/policy/questions" id="questions-link"><?cs var:L.policy.questions_link ?></a></p>
<?cs if:Query.applied == "1" ?><p class="message" role="status" id="applied"><?cs var:L.policy.applied ?> <span id="applied-opened"><?cs var:Query.opened ?></span> <?cs var:L.policy.applied_opened ?> <span id="applied-closed"><?cs var:Query.closed ?></span> <?cs var:L.policy.applied_closed ?></p>
<?cs elif:Query.applied == "0" ?><p class="message" role="status" id="unchanged"><?cs var:L.policy.unchanged ?></p><?cs /if ?>
<h2><?cs var:L.policy.now ?></h2>
<dl class="facts" id="policy-now">
  <dt><?cs var:L.form.policy.fever ?></dt><dd id="now-fever"><?cs var:Policy.Now.fever ?> °C</dd>
  <dt><?cs var:L.form.policy.streak_days ?></dt><dd id="now-streak"><?cs var:Policy.Now.streak_days ?></dd>
  <dt><?cs var:L.form.policy.makeup_days_back ?></dt><dd id="now-makeup-back"><?cs if:Policy.Now.makeup_days_back == "0" ?><?cs var:L.policy.no_limit ?><?cs else ?><?cs var:Policy.Now.makeup_days_back ?><?cs /if ?></dd>
  <dt><?cs var:L.form.policy.makeup_per_term ?></dt><dd id="now-makeup-term"><?cs if:Policy.Now.makeup_per_term == "0" ?><?cs var:L.policy.no_limit ?><?cs else ?><?cs var:Policy.Now.makeup_per_term ?><?cs /if ?></dd>
  <dt><?cs var:L.form.policy.summary_deadline ?></dt><dd id="now-deadline"><?cs var:Policy.Now.summary_deadline ?></dd>
</dl>
</section>

<?cs if:Preview.Shown ?>
<section class="panel" id="preview">
<h2><?cs if:Preview.Close ?><?cs var:L.policy.close_title ?>: <?cs var:Preview.Close ?><?cs elif:Preview.Reset ?><?cs var:L.policy.reset_title ?>: <?cs var:Preview.Reset ?><?cs elif:Preview.NewTerm ?><?cs var:L.policy.term_title ?>: <?cs var:Form.Value.name ?> (<?cs var:Form.Value.starts_on ?> – <?cs var:Form.Value.ends_on ?>)<?cs else ?><?cs var:L.policy.preview_title ?><?cs /if ?></h2>
<?cs if:Preview.NewTerm ?><p id="term-counts" data-cards="<?cs var:Preview.Cards ?>"><?cs var:L.policy.term_cards ?> <strong><?cs var:Preview.Cards ?></strong>. <?cs var:L.policy.term_first_day ?></p><?cs /if ?>
<?cs if:Preview.Reset ?><p id="reset-counts" data-fevers="<?cs var:Preview.FeversCleared ?>"><?cs var:L.policy.reset_fevers ?> <strong><?cs var:Preview.FeversCleared ?></strong>.</p><?cs /if ?>
<p id="preview-counts" data-cards="<?cs var:Preview.Cards ?>" data-changed="<?cs var:Preview.Changed ?>" data-recoloured="<?cs var:Preview.Recoloured ?>" data-opened="<?cs var:Preview.ReportsOpened ?>" data-closed="<?cs var:Preview.ReportsClosed ?>">
<?cs var:L.policy.preview_cards ?> <strong><?cs var:Preview.Changed ?></strong> / <?cs var:Preview.Cards ?>
(<?cs var:L.policy.preview_recoloured ?> <?cs var:Preview.Recoloured ?>);
<?cs var:L.policy.preview_opened ?> <strong><?cs var:Preview.ReportsOpened ?></strong>,
<?cs var:L.policy.preview_closed ?> <strong><?cs var:Preview.ReportsClosed ?></strong>.</p>
<?cs if:subcount(Preview.Move) > 0 ?>
<section class="scroll" tabindex="0" aria-label="<?cs var:L.policy.moves ?>">
<table class="list" id="preview-moves">
<caption><?cs var:L.policy.moves ?></caption>
<thead><tr><th><?cs var:L.policy.col.from ?></th><th><?cs var:L.policy.col.to ?></th><th><?cs var:L.policy.col.count ?></th></tr></thead>
<tbody><?cs each:m = Preview.Move ?><tr data-from="<?cs var:m.From ?>" data-to="<?cs var:m.To ?>"><td><?cs var:m.FromTitle ?></td><td><?cs var:m.ToTitle ?></td><td class="num"><?cs var:m.Count ?></td></tr><?cs /each ?></tbody>
</table>
</section>
<?cs /if ?>
<?cs if:subcount(Preview.College) > 0 ?>
<section class="scroll" tabindex="0" aria-label="<?cs var:L.policy.by_college ?>">
<table class="list" id="preview-colleges">
<caption><?cs var:L.policy.by_college ?></caption>
<thead><tr><th><?cs var:L.policy.col.college ?></th><?cs if:Preview.NewTerm ?><th><?cs var:L.policy.col.cards ?></th><?cs /if ?><th><?cs var:L.policy.col.changed ?></th><th><?cs var:L.policy.col.opened ?></th></tr></thead>
<tbody><?cs each:c = Preview.College ?><tr data-college="<?cs var:c.Name ?>"><td><?cs alt:c.Name ?>–<?cs /alt ?></td><?cs if:Preview.NewTerm ?><td class="num cards"><?cs var:c.Cards ?></td><?cs /if ?><td class="num changed"><?cs var:c.Changed ?></td><td class="num"><?cs var:c.Opened ?></td></tr><?cs /each ?></tbody>
</table>
</section>
<?cs /if ?>
<?cs if:subcount(Preview.Sample) > 0 ?>
<section class="scroll" tabindex="0" aria-label="<?cs var:L.policy.sample ?>">
<table class="list" id="preview-sample">
<caption><?cs var:L.policy.sample ?></caption>
<thead><tr><th><?cs var:L.policy.col.number ?></th><th><?cs var:L.policy.col.name ?></th><th><?cs var:L.policy.col.college ?></th><th><?cs var:L.policy.col.from ?></th><th><?cs var:L.policy.col.to ?></th></tr></thead>
<tbody><?cs each:s = Preview.Sample ?><tr data-number="<?cs var:s.Number ?>" data-to="<?cs var:s.To ?>"><td><?cs var:s.Number ?></td><td><a href="<?cs var:Site.Prefix ?>/card?person=<?cs var:s.Id ?>"><?cs var:s.Name ?></a></td><td><?cs var:s.College ?></td><td><?cs var:s.FromTitle ?></td><td><?cs var:s.ToTitle ?></td></tr><?cs /each ?></tbody>
</table>
</section>
<?cs /if ?>
<?cs if:Preview.Reset ?>
<form method="post" action="<?cs var:Site.Prefix ?>/policy/reset" id="reset-apply">
  <?cs call:csrf_field() ?>
  <input type="hidden" name="state" value="<?cs var:Preview.State ?>">
  <input type="hidden" name="reason" value="<?cs var:Preview.Reset ?>">
  <button type="submit"><?cs var:L.policy.reset_apply ?></button>
  <a href="<?cs var:Site.Prefix ?>/policy"><?cs var:L.policy.cancel ?></a>
</form>
<?cs elif:Preview.NewTerm ?>
<form method="post" action="<?cs var:Site.Prefix ?>/policy/term" id="term-apply">
  <?cs call:csrf_field() ?>
  <input type="hidden" name="name" value="<?cs var:Form.Value.name ?>">
  <input type="hidden" name="starts_on" value="<?cs var:Form.Value.starts_on ?>">
  <input type="hidden" name="ends_on" value="<?cs var:Form.Value.ends_on ?>">
  <button type="submit"><?cs var:L.policy.term_apply ?></button>
  <a href="<?cs var:Site.Prefix ?>/policy"><?cs var:L.policy.cancel ?></a>
</form>
<?cs elif:Preview.Close ?>
<form method="post" action="<?cs var:Site.Prefix ?>/policy/close" id="close-apply">
  <?cs call:csrf_field() ?>
  <input type="hidden" name="reason" value="<?cs var:Preview.Close ?>">
  <button type="submit"><?cs var:L.policy.close_apply ?></button>
  <a href="<?cs var:Site.Prefix ?>/policy"><?cs var:L.policy.cancel ?></a>
</form>
<?cs else ?>
<form method="post" action="<?cs var:Site.Prefix ?>/policy/apply" id="policy-apply">
  <?cs call:csrf_field() ?>
  <?cs each:v = Policy.Next ?><input type="hidden" name="<?cs name:v ?>" value="<?cs var:v ?>">
  <?cs /each ?>
  <button type="submit"><?cs var:L.policy.apply ?></button>
  <a href="<?cs var:Site.Prefix ?>/policy"><?cs var:L.policy.cancel ?></a>
</form>
<?cs /if ?>
</section>
<?cs /if ?>

<section class="panel">
<h2><?cs var:L.policy.change ?></h2>
<?cs if:Form.Errors && !Close.Bad && !Retention.Bad && !Reset.Bad && !Term.Bad ?><p class="message bad" role="alert"><?cs var:L.policy.fix ?></p><?cs /if ?>
<form method="get" action="<?cs var:Site.Prefix ?>/policy/preview" id="policy-form">
  <?cs call:policy_field("fever", "36.0", "40.0", "0.1") ?>
  <?cs call:policy_field("streak_days", "1", "60", "1") ?>
  <?cs call:policy_field("makeup_days_back", "0", "365", "1") ?>
  <?cs call:policy_field("makeup_per_term", "0", "366", "1") ?>
  <?cs call:policy_field("summary_deadline", "", "", "") ?>
  <button type="submit"><?cs var:L.policy.preview ?></button>
</form>
</section>
<section class="panel" id="wave-end">
<h2><?cs var:L.policy.close_title ?></h2>
<p class="small"><?cs var:L.policy.close_intro ?></p>
<?cs if:Query.closed_all ?><p class="message" role="status" id="closed-all"><span id="closed-all-n"><?cs var:Query.closed_all ?></span> <?cs var:L.policy.closed_all ?></p><?cs /if ?>
<?cs if:Close.Bad ?><p class="message bad" role="alert"><?cs var:L.policy.fix ?></p><?cs /if ?>
<form method="get" action="<?cs var:Site.Prefix ?>/policy/close" id="close-form">
  <div class="field<?cs if:Close.Bad ?> bad<?cs /if ?>"><label for="c-reason"><?cs var:L.form.policy_close.reason ?></label>
    <input id="c-reason" name="reason" type="text" maxlength="500" required value="<?cs var:Form.Value.reason ?>">
    <?cs if:Form.Error.reason ?><p class="error-text" id="c-reason-err"><?cs var:Form.Error.reason ?></p><?cs /if ?></div>
  <button type="submit"><?cs var:L.policy.close_preview ?></button>
</form>
</section>

<section class="panel" id="reset-cards">
<h2><?cs var:L.policy.reset_title ?></h2>
<p class="small"><?cs var:L.policy.reset_intro ?></p>
<?cs if:Query.reset_cards ?><p class="message" role="status" id="reset-done"><span id="reset-n"><?cs var:Query.reset_cards ?></span> <?cs var:L.policy.closed_all ?> <span id="reset-fevers"><?cs var:Query.fevers ?></span> <?cs var:L.policy.reset_fevers_done ?></p><?cs /if ?>
<?cs if:Reset.Bad ?><p class="message bad" role="alert"><?cs var:L.policy.fix ?></p><?cs /if ?>
<form method="get" action="<?cs var:Site.Prefix ?>/policy/reset" id="reset-form">
  <fieldset class="field<?cs if:Form.Error.state ?> bad<?cs /if ?>"><legend><?cs var:L.form.policy_reset.state ?></legend>
    <label class="choice"><input type="radio" name="state" value="checkins" checked> <?cs var:L.policy.reset_state.checkins ?></label>
    <?cs if:Form.Error.state ?><p class="error-text"><?cs var:Form.Error.state ?></p><?cs /if ?></fieldset>
  <div class="field<?cs if:Reset.Bad && Form.Error.reason ?> bad<?cs /if ?>"><label for="rs-reason"><?cs var:L.form.policy_reset.reason ?></label>
    <input id="rs-reason" name="reason" type="text" maxlength="500" required value="<?cs if:Reset.Bad ?><?cs var:Form.Value.reason ?><?cs /if ?>">
    <?cs if:Reset.Bad && Form.Error.reason ?><p class="error-text" id="rs-reason-err"><?cs var:Form.Error.reason ?></p><?cs /if ?></div>
  <button type="submit"><?cs var:L.policy.reset_preview ?></button>
</form>
</section>

<section class="panel" id="new-term">
<h2><?cs var:L.policy.term_title ?></h2>
<p class="small"><?cs var:L.policy.term_intro ?></p>
<?cs if:Query.term_opened ?><p class="message" role="status" id="term-opened"><?cs var:L.policy.term_opened ?> <span id="term-cards"><?cs var:Query.cards ?></span></p><?cs /if ?>
<?cs if:Term.Bad ?><p class="message bad" role="alert"><?cs var:L.policy.fix ?></p><?cs /if ?>
<form method="get" action="<?cs var:Site.Prefix ?>/policy/term" id="term-form">
<?cs each:f = L.form.policy_term ?>
  <div class="field<?cs if:Term.Bad && Form.Error[name(f)] ?> bad<?cs /if ?>"><label for="t-<?cs name:f ?>"><?cs var:f ?></label>
    <input id="t-<?cs name:f ?>" name="<?cs name:f ?>" type="<?cs if:name(f) == "name" ?>text" maxlength="64<?cs else ?>date<?cs /if ?>" required value="<?cs if:Term.Typed ?><?cs var:Form.Value[name(f)] ?><?cs /if ?>">
    <?cs if:Term.Bad && Form.Error[name(f)] ?><p class="error-text" id="t-<?cs name:f ?>-err"><?cs var:Form.Error[name(f)] ?></p><?cs /if ?></div>
<?cs /each ?>
  <button type="submit"><?cs var:L.policy.term_preview ?></button>
</form>
</section>

<section class="panel" id="retention">
<h2><?cs var:L.retention.title ?></h2>
<p class="small"><?cs var:L.retention.intro ?></p>
<?cs if:Query.retention == "1" ?><p class="message" role="status" id="retention-saved"><?cs var:L.retention.saved ?></p><?cs /if ?>
<dl class="facts" id="retention-now">
<?cs each:k = L.purge.kind ?><dt><?cs var:k ?></dt><dd id="keep-<?cs name:k ?>"><?cs if:Retention.Now[name(k)] == "" ?><?cs var:L.retention.forever ?><?cs else ?><?cs var:Retention.Now[name(k)] ?> <?cs var:L.retention.days_after ?><?cs /if ?></dd>
<?cs /each ?>
</dl>
<?cs if:Retention.Preview.Shown ?>
<section id="retention-preview" aria-labelledby="retention-preview-h">
<h3 id="retention-preview-h"><?cs var:L.retention.preview_title ?></h3>
<?cs if:subcount(Retention.Preview.Line) == 0 ?><p id="retention-nothing"><?cs var:L.retention.nothing ?></p><?cs else ?>
<section class="scroll" tabindex="0" aria-label="<?cs var:L.retention.preview_title ?> (<?cs var:L.ctest.table ?>)">
<table class="list" id="retention-lines">
<thead><tr><th scope="col"><?cs var:L.purge.col.kind ?></th><th scope="col"><?cs var:L.purge.col.term_name ?></th><th scope="col"><?cs var:L.purge.col.rule_days ?></th><th scope="col"><?cs var:L.purge.col.rows_n ?></th><th scope="col"><?cs var:L.purge.col.files_n ?></th></tr></thead>
<tbody><?cs each:l = Retention.Preview.Line ?><tr data-kind="<?cs var:l.kind ?>"><td><?cs var:L.purge.kind[l.kind] ?></td><td><?cs var:l.term_name ?></td><td class="num"><?cs var:l.rule_days ?></td><td class="num"><?cs var:l.rows_n ?></td><td class="num"><?cs var:l.files_n ?></td></tr><?cs /each ?></tbody>
</table>
</section>
<?cs /if ?>
<form method="post" action="<?cs var:Site.Prefix ?>/policy/retention" id="retention-apply">
  <?cs call:csrf_field() ?>
  <?cs each:v = Retention.Next ?><input type="hidden" name="<?cs name:v ?>" value="<?cs var:v ?>">
  <?cs /each ?>
  <button type="submit"><?cs var:L.retention.apply ?></button>
</form>
</section>
<?cs /if ?>
<?cs if:Retention.Bad ?><p class="message bad" role="alert"><?cs var:L.policy.fix ?></p><?cs /if ?>
<form method="get" action="<?cs var:Site.Prefix ?>/policy/retention" id="retention-form">
<?cs each:k = L.purge.kind ?>
  <div class="field<?cs if:Form.Error[name(k)] ?> bad<?cs /if ?>"><label for="r-<?cs name:k ?>"><?cs var:k ?> (<?cs var:L.retention.days_after ?>)</label>
    <input id="r-<?cs name:k ?>" name="<?cs name:k ?>" type="number" min="0" max="36500" value="<?cs var:Form.Value[name(k)] ?>">
    <?cs if:Form.Error[name(k)] ?><p class="error-text"><?cs var:Form.Error[name(k)] ?></p><?cs /if ?></div>
<?cs /each ?>
  <p class="small"><?cs var:L.retention.empty_keeps ?></p>
  <button type="submit"><?cs var:L.retention.preview ?></button>
</form>
<h3 id="runs-h"><?cs var:L.purge.runs ?></h3>
<?cs if:subcount(Purge.Run) == 0 ?><p id="runs-none"><?cs var:L.purge.none ?></p><?cs else ?>
<ul id="purge-runs"><?cs each:p = Purge.Run ?><li><a href="<?cs var:Site.Prefix ?>/policy/purge?id=<?cs var:p.id ?>"><?cs var:p.started_at ?></a> · <?cs var:p.run_by ?><?cs if:p.dry_run == "1" ?> · <?cs var:L.purge.dry ?><?cs /if ?> · <?cs var:p.rows_n ?> <?cs var:L.purge.rows ?></li><?cs /each ?></ul>
<?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
