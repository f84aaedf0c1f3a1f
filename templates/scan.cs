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
  <div id="camera" class="camera" hidden>
    <video id="camera-video" playsinline muted></video>
    <p id="camera-status" class="small"></p>
  </div>
  <p class="small"><?cs var:L.scan.howto ?></p>
</section>
<?cs include:"footer.cs" ?>
