<?cs set:Page.Title = L.scan.enrol.title ?>
<?cs include:"header.cs" ?>
<section class="panel">
  <h1><?cs var:L.scan.enrol.title ?></h1>
  <?cs if:Enrol.Gone ?>
  <p class="error-text" id="enrol-gone"><?cs var:L.scan.enrol.gone ?></p>
  <?cs else ?>
  <p><?cs var:L.scan.enrol.ask ?></p>
  <dl class="facts">
    <dt><?cs var:L.scan.enrol.gate ?></dt><dd><?cs var:Enrol.gate ?> (<?cs var:L.scan.kind[Enrol.kind] ?>)</dd>
    <dt><?cs var:L.scan.enrol.device ?></dt><dd><?cs var:Enrol.device ?></dd>
  </dl>
  <form method="post" action="<?cs var:Site.Prefix ?>/scan/enrol/<?cs var:url_escape(Enrol.Link) ?>">
    <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
    <button type="submit" class="primary"><?cs var:L.scan.enrol.submit ?></button>
  </form>
  <p class="small"><?cs var:L.scan.enrol.note ?></p>
  <?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
