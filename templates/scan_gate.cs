<?cs # The student at the gate's printed code, allowed in: one tap records it. ?>
<?cs set:Page.Title = L.scan.gate_code.title ?>
<?cs include:"header.cs" ?>
<section class="scan scan-allow">
  <p class="scan-icon" aria-hidden="true">&#x2714;</p>
  <h1 class="scan-word"><?cs var:Card.Title ?></h1>
  <p><?cs var:Station.Name ?></p>
  <form method="post" action="<?cs var:Site.Prefix ?>/scan/gate/<?cs var:url_escape(Station.Code) ?>">
    <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
    <button type="submit" class="primary big" id="record-arrival"><?cs if:Station.Kind == "dorm" ?><?cs var:L.scan.gate_code.submit_dorm ?><?cs else ?><?cs var:L.scan.gate_code.submit ?><?cs /if ?></button>
  </form>
  <dl class="scan-who">
    <dt><?cs var:L.card.name ?></dt><dd class="big"><?cs var:Person.name ?></dd>
    <dt><?cs var:L.card.number ?></dt><dd><?cs var:Person.number ?></dd>
  </dl>
</section>
<?cs include:"footer.cs" ?>
