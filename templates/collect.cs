<?cs include:"macros.cs" ?>
<?cs set:Page.Title = L.collect.title ?>
<?cs include:"header.cs" ?>
<section class="panel">
<h1><?cs var:L.collect.title ?></h1>
<p class="small"><?cs var:L.collect.intro ?></p>
<?cs if:Query.added ?><p class="message" role="status" id="added"><?cs var:L.collect.added ?></p><?cs /if ?>
<?cs if:Query.ticked == "0" ?><p class="message bad" role="alert" id="ticked-none"><?cs var:L.collect.ticked_none ?></p><?cs /if ?>
<?cs if:Query.declared ?><p class="message" role="status" id="declared"><?cs var:L.collect.declared ?></p><?cs /if ?>
<?cs if:subcount(Collect.Guest) == 0 ?><p id="guests-none"><?cs var:L.collect.none ?></p><?cs else ?>
<form method="get" action="<?cs var:Site.Prefix ?>/collect/declare" id="tick">
<section class="scroll" tabindex="0" aria-label="<?cs var:L.collect.title ?>">
<table class="list" id="guests">
<thead><tr><th><span class="vh"><?cs var:L.collect.tick ?></span></th><th><?cs var:L.collect.col.name ?></th><th><?cs var:L.collect.col.papers ?></th><th><?cs var:L.collect.col.group ?></th><th><?cs var:L.collect.col.today ?></th></tr></thead>
<tbody>
<?cs each:g = Collect.Guest ?>
<tr id="guest-<?cs var:g.id ?>">
  <td><?cs if:g.may == "1" ?><input type="checkbox" name="id" value="<?cs var:g.id ?>" id="tick-<?cs var:g.id ?>"><?cs /if ?></td>
  <td><?cs if:g.may == "1" ?><label for="tick-<?cs var:g.id ?>"><?cs var:g.name ?></label><?cs else ?><?cs var:g.name ?><?cs /if ?><br><span class="small"><?cs var:L.collect.kind[g.kind] ?> · <?cs var:g.nationality ?></span></td>
  <td class="small"><?cs var:L.idnum.type[g.id_type] ?><br><?cs var:g.id_masked ?></td>
  <td class="small"><?cs var:g.group_name ?></td>
  <td><?cs if:g.at ?><span class="declared"><?cs var:L.collect.declared_at ?> <?cs var:g.at ?> · <?cs var:g.temperature ?>°C<?cs if:g.flags ?> <span class="tag bad"><?cs var:L.collect.abnormal ?></span><?cs /if ?><br><span class="small"><?cs var:L.collect.declared_by ?> <?cs var:g.declared_by ?></span></span><?cs elif:g.last_day ?><span class="small"><?cs var:L.collect.last ?> <?cs var:g.last_day ?></span><?cs else ?><span class="small"><?cs var:L.collect.never ?></span><?cs /if ?></td>
</tr>
<?cs /each ?>
</tbody>
</table>
</section>
<p class="small"><?cs var:L.collect.tick_help ?></p>
<button type="submit"><?cs var:L.collect.declare ?></button>
</form>
<?cs /if ?>
</section>

<?cs if:subcount(Collect.Group) > 0 ?>
<section class="panel">
<h2><?cs var:L.collect.add ?></h2>
<?cs if:Form.Errors ?><p class="message bad" role="alert"><?cs var:L.checkin.fix_errors ?></p><?cs /if ?>
<form method="post" action="<?cs var:Site.Prefix ?>/collect/add" id="guest-add">
  <?cs call:csrf_field() ?>
  <?cs if:subcount(Collect.Group) > 1 ?>
  <div class="field"><label for="g-group"><?cs var:L.collect.col.group ?></label>
    <select id="g-group" name="group"><?cs each:c = Collect.Group ?><option value="<?cs var:c.id ?>"<?cs if:Query.group == c.id ?> selected<?cs /if ?>><?cs var:c.name ?></option><?cs /each ?></select></div>
  <?cs else ?><input type="hidden" name="group" value="<?cs var:Collect.Group.0.id ?>"><?cs /if ?>
  <?cs call:form_fields() ?>
  <p class="small"><?cs var:L.collect.papers_help ?></p>
  <button type="submit"><?cs var:L.collect.add ?></button>
</form>
</section>
<?cs /if ?>

<?cs if:Who.Is.Counselor ?>
<section class="panel">
<h2><?cs var:L.collect.collectors ?></h2>
<p class="small"><?cs var:L.collect.collectors_help ?></p>
<?cs if:Query.collector ?><p class="message" role="status" id="collector-named"><?cs var:L.collect.collector_named ?></p><?cs /if ?>
<?cs if:subcount(Collect.Collector) > 0 ?>
<ul id="collectors">
<?cs each:c = Collect.Collector ?><li id="collector-<?cs var:c.id ?>"><?cs var:c.name ?> <span class="small"><?cs var:c.number ?> · <?cs var:c.named_at ?></span>
  <form method="post" action="<?cs var:Site.Prefix ?>/collect/uncollector" class="inline"><?cs call:csrf_field() ?><input type="hidden" name="id" value="<?cs var:c.id ?>"><button type="submit" class="link"><?cs var:L.collect.uncollector ?></button></form></li>
<?cs /each ?>
</ul>
<?cs /if ?>
<form method="post" action="<?cs var:Site.Prefix ?>/collect/collector" id="collector-add">
  <?cs call:csrf_field() ?>
  <div class="field<?cs if:Collect.CollectorError ?> bad<?cs /if ?>"><label for="c-number"><?cs var:L.collect.collector_number ?></label>
    <input id="c-number" type="text" name="number" maxlength="32" required value="<?cs var:Collect.CollectorNumber ?>">
    <?cs if:Collect.CollectorError ?><p class="error-text"><?cs var:Collect.CollectorError ?></p><?cs /if ?></div>
  <button type="submit"><?cs var:L.collect.collector_add ?></button>
</form>
</section>
<?cs /if ?>
<?cs include:"footer.cs" ?>
