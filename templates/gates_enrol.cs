<?cs set:Page.Title = L.gates.enrol_title ?>
<?cs include:"header.cs" ?>
<section class="panel">
  <h1><?cs var:L.gates.enrol_title ?></h1>
  <p><?cs var:Enrol.Gate.name ?> · <?cs var:Enrol.Device ?></p>
  <p><?cs var:L.gates.enrol_once ?></p>
  <p><img class="qr" src="<?cs var:Enrol.Qr ?>" width="240" height="240" alt="<?cs var:L.gates.enrol_title ?>"></p>
  <p><input type="text" class="copy" readonly id="enrol-url" aria-label="<?cs var:L.gates.enrol_title ?>" value="<?cs var:Enrol.Url ?>"></p>
  <p><a href="<?cs var:Site.Prefix ?>/gates"><?cs var:L.gates.back ?></a></p>
</section>
<?cs include:"footer.cs" ?>
