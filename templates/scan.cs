<?cs # The gate phone's page: a camera where the browser can read QR codes,
     the phone's own scanner app everywhere else. ?>
<?cs set:Page.Title = L.scan.title ?>
<?cs set:Page.Script.0 = "scan.js" ?>
<?cs include:"header.cs" ?>
<section class="panel scan-home">
  <h1><?cs var:L.scan.title ?></h1>
  <p><strong><?cs var:Station.Name ?></strong><?cs if:Station.Device ?> · <?cs var:Station.Device ?><?cs /if ?>
    (<?cs var:L.scan.kind[Station.Kind] ?>)</p>
  <p class="scan-count"><?cs var:L.scan.today ?> <strong id="today-count"><?cs var:Station.Today ?></strong></p>
  <?cs if:Station.Staff ?>
  <form method="post" action="<?cs var:Site.Prefix ?>/scan/at" class="row-form">
    <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
    <label><?cs var:L.scan.choose_gate ?>
      <select name="gate">
        <option value="0"><?cs var:L.scan.no_gate ?></option>
        <?cs each:g = Station.Gates ?><option value="<?cs var:g.id ?>"<?cs if:g.id == Station.GateId ?> selected<?cs /if ?>><?cs var:g.name ?></option><?cs /each ?>
      </select></label>
    <button type="submit"><?cs var:L.scan.choose_submit ?></button>
  </form>
  <?cs /if ?>
  <div id="camera" class="camera" data-scan="<?cs var:Site.Prefix ?>/scan" hidden>
    <video id="camera-video" playsinline muted></video>
    <p id="camera-status" class="small"></p>
  </div>
  <p class="small"><?cs var:L.scan.howto ?></p>
  <?cs if:!Page.Https ?><p class="small" id="camera-needs-https"><?cs var:L.scan.needs_https ?></p><?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
