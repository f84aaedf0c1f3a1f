<?cs include:"macros.cs" ?>
<?cs set:Page.Title = L.fillers.title ?>
<?cs include:"header.cs" ?>
<?cs call:checkin_nav("fillers") ?>
<?cs if:Query.named ?><p class="message" role="status" id="named"><?cs var:L.fillers.named ?></p><?cs /if ?>
<?cs if:Query.revoked ?><p class="message" role="status" id="revoked"><?cs var:L.fillers.revoked ?></p><?cs /if ?>
<?cs if:Query.filled ?><p class="message" role="status" id="filled"><?cs var:L.fillers.filled ?></p><?cs /if ?>
<?cs if:Who.Is.Student ?>
<section class="panel">
<h1><?cs var:L.fillers.title ?></h1>
<p class="small"><?cs var:L.fillers.intro ?></p>
<?cs if:subcount(Fillers.Named) == 0 ?><p id="fillers-none"><?cs var:L.fillers.none ?></p><?cs else ?>
<ul class="plain" id="fillers">
<?cs each:f = Fillers.Named ?>
  <li id="filler-<?cs var:f.id ?>"><strong><?cs var:f.name ?></strong> <span class="small"><?cs var:f.number ?> · <?cs var:L.fillers.relation[f.relation] ?> · <?cs var:L.fillers.named_at ?> <?cs var:f.named_at ?></span>
    <form method="post" action="<?cs var:Site.Prefix ?>/checkin/unfiller" class="inline">
      <?cs call:csrf_field() ?><input type="hidden" name="id" value="<?cs var:f.id ?>">
      <button type="submit" class="link"><?cs var:L.fillers.revoke ?></button></form></li>
<?cs /each ?>
</ul>
<?cs /if ?>
<?cs if:subcount(Fillers.Named) < Fillers.Max || Form.Errors ?>
<h2><?cs var:L.fillers.add ?></h2>
<?cs if:Form.Errors ?><p class="message bad" role="alert"><?cs var:L.checkin.fix_errors ?></p><?cs /if ?>
<form method="post" action="<?cs var:Site.Prefix ?>/checkin/fillers" id="filler-add">
  <?cs call:csrf_field() ?>
  <div class="field<?cs if:Form.Error.number ?> bad<?cs /if ?>"><label for="f-number"><?cs var:L.form.filler.number ?></label>
    <input id="f-number" type="text" name="number" maxlength="32" required value="<?cs var:Form.Value.number ?>"<?cs if:Form.Error.number ?> aria-invalid="true" aria-describedby="f-number-err"<?cs /if ?>>
    <?cs if:Form.Error.number ?><p class="error-text" id="f-number-err"><?cs var:Form.Error.number ?></p><?cs /if ?></div>
  <fieldset class="field<?cs if:Form.Error.relation ?> bad<?cs /if ?>"><legend><?cs var:L.form.filler.relation ?></legend>
  <?cs each:k = L.fillers.relation ?><label class="choice"><input type="radio" name="relation" value="<?cs name:k ?>"<?cs if:Form.Value.relation == name(k) ?> checked<?cs /if ?> required> <?cs var:k ?></label>
  <?cs /each ?>
  <?cs if:Form.Error.relation ?><p class="error-text"><?cs var:Form.Error.relation ?></p><?cs /if ?></fieldset>
  <button type="submit"><?cs var:L.fillers.add ?></button>
</form>
<?cs else ?><p class="small" id="fillers-full"><?cs var:L.fillers.full ?></p><?cs /if ?>
<?cs if:subcount(Fillers.Past) > 0 ?>
<details><summary><?cs var:L.fillers.past ?></summary>
<ul class="plain small"><?cs each:f = Fillers.Past ?><li><?cs var:f.name ?> (<?cs var:f.number ?>) <?cs var:f.named_at ?> – <?cs var:f.revoked_at ?></li><?cs /each ?></ul>
</details>
<?cs /if ?>
</section>
<?cs /if ?>
<section class="panel">
<?cs if:Who.Is.Student ?><h2><?cs var:L.fillers.for_title ?></h2><?cs else ?><h1><?cs var:L.fillers.for_title ?></h1><?cs /if ?>
<?cs if:subcount(Fillers.For) == 0 ?><p id="for-none"><?cs var:L.fillers.for_none ?></p><?cs else ?>
<ul class="plain" id="fill-for">
<?cs each:p = Fillers.For ?>
  <li id="for-<?cs var:p.id ?>"><strong><?cs var:p.name ?></strong> <span class="small"><?cs var:p.number ?> · <?cs var:L.fillers.relation[p.relation] ?></span>
  <?cs if:p.at ?><span class="tag"><?cs var:L.fillers.done ?> <?cs var:p.at ?><?cs if:p.filler ?> · <?cs var:L.person.filled_by ?> <?cs var:p.filler ?><?cs /if ?></span>
  <?cs else ?><a class="small-button" href="<?cs var:Site.Prefix ?>/checkin/for?person=<?cs var:p.id ?>"><?cs var:L.fillers.fill ?></a><?cs /if ?></li>
<?cs /each ?>
</ul>
<?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
