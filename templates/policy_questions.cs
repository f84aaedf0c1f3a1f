<?cs include:"macros.cs" ?>
<?cs set:Page.Title = L.question.title ?>
<?cs include:"header.cs" ?>
<section class="panel">
<h1><?cs var:L.question.title ?></h1>
<p class="small"><?cs var:L.question.intro ?></p>
<p><a href="<?cs var:Site.Prefix ?>/policy"><?cs var:L.policy.title ?></a></p>
<?cs if:Query.added ?><p class="message" role="status" id="q-added"><?cs var:L.question.added ?></p><?cs /if ?>
<?cs if:Query.retired ?><p class="message" role="status" id="q-retired"><?cs var:L.question.retired_done ?></p><?cs /if ?>
<?cs set:active = 0 ?><?cs each:q = Questions ?><?cs if:!q.retired_at ?><?cs set:active = active + 1 ?><?cs /if ?><?cs /each ?>
<h2><?cs var:L.question.active ?> (<span id="q-active-n"><?cs var:active ?></span> / <?cs var:QuestionsMax ?>)</h2>
<?cs if:active == 0 ?><p id="q-none"><?cs var:L.question.none ?></p><?cs /if ?>
<ol class="questions" id="q-active">
<?cs each:q = Questions ?><?cs if:!q.retired_at ?>
  <li data-id="<?cs var:q.id ?>" data-kind="<?cs var:q.kind ?>"><strong><?cs var:q.label_zh ?></strong> · <?cs var:q.label_en ?>
    <span class="small"><?cs var:L.question.kind[q.kind] ?><?cs if:q.required == "1" ?> · <?cs var:L.question.required ?><?cs /if ?> · <?cs var:q.answers ?> <?cs var:L.question.answers ?></span>
    <?cs if:q.kind == "choice" ?><span class="small">(<?cs var:q.options_zh ?> / <?cs var:q.options_en ?>)</span><?cs /if ?>
    <span class="actions">
    <form method="post" action="<?cs var:Site.Prefix ?>/policy/question_move" class="inline"><?cs call:csrf_field() ?><input type="hidden" name="id" value="<?cs var:q.id ?>"><input type="hidden" name="dir" value="up"><button type="submit" aria-label="<?cs var:L.question.up ?>">&#x2191;</button></form>
    <form method="post" action="<?cs var:Site.Prefix ?>/policy/question_move" class="inline"><?cs call:csrf_field() ?><input type="hidden" name="id" value="<?cs var:q.id ?>"><input type="hidden" name="dir" value="down"><button type="submit" aria-label="<?cs var:L.question.down ?>">&#x2193;</button></form>
    <form method="post" action="<?cs var:Site.Prefix ?>/policy/question_retire" class="inline"><?cs call:csrf_field() ?><input type="hidden" name="id" value="<?cs var:q.id ?>"><button type="submit"><?cs var:L.question.retire ?></button></form>
    </span></li>
<?cs /if ?><?cs /each ?>
</ol>
</section>

<section class="panel" id="q-add">
<h2><?cs var:L.question.add ?></h2>
<?cs if:Form.Errors ?><p class="message bad" role="alert"><?cs var:L.policy.fix ?></p><?cs /if ?>
<form method="post" action="<?cs var:Site.Prefix ?>/policy/questions" id="q-form">
  <?cs call:csrf_field() ?>
  <fieldset class="field<?cs if:Form.Error.kind ?> bad<?cs /if ?>"><legend><?cs var:L.form.question.kind ?></legend>
  <?cs each:k = L.question.kind ?><label class="choice"><input type="radio" name="kind" value="<?cs name:k ?>"<?cs if:Form.Value.kind == name(k) ?> checked<?cs /if ?>> <?cs var:k ?></label>
  <?cs /each ?>
  <?cs if:Form.Error.kind ?><p class="error-text"><?cs var:Form.Error.kind ?></p><?cs /if ?></fieldset>
  <div class="field"><label><input type="checkbox" name="required" value="1"<?cs if:Form.Value.required == "1" ?> checked<?cs /if ?>> <?cs var:L.form.question.required ?></label></div>
  <?cs each:f = L.question.text_fields ?>
  <div class="field<?cs if:Form.Error[name(f)] ?> bad<?cs /if ?>"><label for="q-<?cs name:f ?>"><?cs var:L.form.question[name(f)] ?></label>
    <?cs if:string.slice(name(f), 0, 7) == "options" ?><textarea id="q-<?cs name:f ?>" name="<?cs name:f ?>" rows="4" maxlength="1000"><?cs var:Form.Value[name(f)] ?></textarea><p class="small"><?cs var:L.question.options_hint ?></p>
    <?cs else ?><input id="q-<?cs name:f ?>" name="<?cs name:f ?>" type="text" maxlength="200" required value="<?cs var:Form.Value[name(f)] ?>"><?cs /if ?>
    <?cs if:Form.Error[name(f)] ?><p class="error-text" id="q-<?cs name:f ?>-err"><?cs var:Form.Error[name(f)] ?></p><?cs /if ?></div>
  <?cs /each ?>
  <button type="submit"><?cs var:L.question.add ?></button>
</form>
</section>

<section class="panel">
<h2><?cs var:L.question.retired_title ?></h2>
<ul id="q-retired-list">
<?cs each:q = Questions ?><?cs if:q.retired_at ?>
  <li data-id="<?cs var:q.id ?>"><?cs var:q.label_zh ?> · <?cs var:q.label_en ?> <span class="small"><?cs var:L.question.kind[q.kind] ?> · <?cs var:L.question.retired ?> <?cs var:q.retired_at ?> · <?cs var:q.answers ?> <?cs var:L.question.answers ?></span></li>
<?cs /if ?><?cs /each ?>
</ul>
</section>
<?cs include:"footer.cs" ?>
