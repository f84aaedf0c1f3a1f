<?cs # 流调: one person's passages through the buildings' entrances on a day. ?>
<?cs set:Page.Title = L.pass.trace.title ?>
<?cs include:"header.cs" ?>
<section class="panel">
  <h1><?cs var:L.pass.trace.title ?></h1>
  <form method="get" action="<?cs var:Site.Prefix ?>/pass/trace" class="row-form" id="trace-form">
    <label><?cs var:L.card.number ?> <input type="text" name="number" maxlength="32" value="<?cs alt:Trace.Number ?><?cs var:Query.number ?><?cs /alt ?>"></label>
    <label><?cs var:L.gates.day ?> <input type="date" name="day" value="<?cs var:Trace.Day ?>"></label>
    <button type="submit"><?cs var:L.gates.show ?></button>
  </form>
  <?cs if:Trace.NoOne ?><p class="message bad" role="alert" id="trace-no-one"><?cs var:L.pass.trace.no_one ?></p><?cs /if ?>
  <?cs if:Trace.Person ?>
  <h2><a href="<?cs var:Site.Prefix ?>/card?person=<?cs var:Trace.Person ?>"><?cs var:Trace.Name ?></a> <span class="small"><?cs var:Trace.Number ?></span> · <?cs var:Trace.Day ?></h2>
  <?cs if:subcount(Trace.Row) == 0 ?><p id="trace-empty"><?cs var:L.pass.trace.empty ?></p><?cs else ?>
  <section class="scroll" tabindex="0" aria-label="<?cs var:L.pass.trace.title ?>">
  <table class="list" id="trace">
    <thead><tr><th><?cs var:L.pass.trace.at ?></th><th><?cs var:L.pass.entrance ?></th><th><?cs var:L.pass.direction_label ?></th><th><?cs var:L.pass.trace.result ?></th><th><?cs var:L.form.door.temperature ?></th></tr></thead>
    <tbody>
    <?cs each:t = Trace.Row ?>
    <tr class="passage-<?cs var:t.result ?>"><td><?cs var:t.at ?></td><td><?cs var:t.entrance ?></td><td><?cs var:L.pass.direction[t.direction] ?></td>
      <td><?cs if:t.result == "allow" ?><?cs var:L.pass.trace.allowed ?><?cs else ?><?cs var:L.scan.result.deny ?>: <?cs var:L.scan.why[t.reason] ?><?cs /if ?></td>
      <td><?cs var:t.temperature ?></td></tr>
    <?cs /each ?>
    </tbody>
  </table>
  </section>
  <?cs /if ?>
  <?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
