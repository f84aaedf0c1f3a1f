<?cs # Who is in one building now. ?>
<?cs set:Page.Title = L.places.inside ?>
<?cs include:"header.cs" ?>
<section class="panel">
  <?cs each:b = Places.Building ?><?cs if:b.id == Inside.Building ?><?cs set:Inside.Name = b.name ?><?cs /if ?><?cs /each ?>
  <h1><?cs var:Inside.Name ?> · <?cs var:L.places.inside ?>: <span id="inside-count"><?cs var:subcount(Inside.Row) ?></span></h1>
  <?cs if:subcount(Inside.Row) == 0 ?><p id="inside-empty"><?cs var:L.places.nobody ?></p><?cs else ?>
  <section class="scroll" tabindex="0" aria-label="<?cs var:L.places.inside ?>">
  <table class="list" id="inside">
    <thead><tr><th><?cs var:L.card.name ?></th><th><?cs var:L.card.number ?></th><th><?cs var:L.places.since ?></th><th><?cs var:L.pass.entrance ?></th></tr></thead>
    <tbody>
    <?cs each:p = Inside.Row ?>
    <tr id="inside-<?cs var:p.person ?>"><td><a href="<?cs var:Site.Prefix ?>/pass/trace?person=<?cs var:p.person ?>"><?cs var:p.name ?></a></td><td><?cs var:p.number ?></td><td><?cs var:p.since ?></td><td><?cs var:p.entrance ?></td></tr>
    <?cs /each ?>
    </tbody>
  </table>
  </section>
  <?cs /if ?>
  <p><a href="<?cs var:Site.Prefix ?>/places"><?cs var:L.gates.back ?></a></p>
</section>
<?cs include:"footer.cs" ?>
