<?cs # The entrance: a building pass that may go in once the temperature
     measured at the door is typed (a fever denies, and is recorded). ?>
<?cs set:Page.Title = L.pass.scan.title ?>
<?cs include:"header.cs" ?>
<section class="scan scan-ask" data-result="ask" data-direction="<?cs var:Pass.Direction ?>">
  <h1 class="scan-word"><?cs var:L.pass.scan.title ?></h1>
  <p><?cs var:Pass.Building ?> · <?cs var:L.pass.direction[Pass.Direction] ?></p>
  <?cs if:Scan.Photo ?><img class="scan-photo" id="scan-photo" src="<?cs var:Site.Prefix ?><?cs var:Scan.Photo ?>" alt="<?cs var:L.photo.alt ?>" width="120"><?cs else ?><p class="scan-when" id="scan-no-photo"><?cs var:L.photo.none_at_gate ?></p><?cs /if ?>
  <dl class="scan-who">
    <dt><?cs var:L.card.name ?></dt><dd class="big"><?cs var:Person.name ?></dd>
    <dt><?cs var:L.card.number ?></dt><dd><?cs var:Person.number ?></dd>
    <dt><?cs var:L.card.college ?></dt><dd><?cs var:Person.college ?></dd>
    <dt><?cs var:L.scan.card ?></dt><dd><?cs var:Card.Title ?></dd>
  </dl>
  <form method="post" action="<?cs var:Site.Prefix ?><?cs alt:Pass.Action ?>/scan/pass<?cs /alt ?>" id="door-temperature">
    <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
    <input type="hidden" name="t" value="<?cs var:Pass.Token ?>">
    <div class="field<?cs if:Form.Error.temperature ?> bad<?cs /if ?>">
      <label for="door-temp"><?cs var:L.form.door.temperature ?></label>
      <input id="door-temp" name="temperature" type="text" inputmode="decimal" maxlength="4" required
        autocomplete="off" value="<?cs var:Form.Value.temperature ?>">
      <?cs if:Form.Error.temperature ?><p class="error-text"><?cs var:Form.Error.temperature ?></p><?cs /if ?>
    </div>
    <button type="submit" class="primary big" id="door-submit"><?cs var:L.pass.scan.submit ?></button>
  </form>
</section>
<?cs if:Station.Name ?>
<p class="scan-station"><?cs var:Station.Name ?><?cs if:Station.Device ?> · <?cs var:Station.Device ?><?cs /if ?></p>
<?cs /if ?>
<?cs include:"footer.cs" ?>
