<?cs # The gate phone's page: a camera where the browser can read QR codes,
     the phone's own scanner app everywhere else. ?>
<?cs set:Page.Title = L.scan.title ?>
<?cs if:Offline.Key ?><?cs set:Page.Script.0 = "offline.js" ?><?cs set:Page.Script.1 = "scan.js" ?><?cs else ?><?cs set:Page.Script.0 = "scan.js" ?><?cs /if ?>
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
  <form method="get" action="<?cs var:Site.Prefix ?>/scan" class="row-form" id="code-form">
    <label><?cs var:L.scan.offline.input ?>
      <input type="text" name="t" id="code-input" autocomplete="off" autocapitalize="characters" spellcheck="false" required></label>
    <button type="submit"><?cs var:L.scan.offline.submit ?></button>
  </form>
  <p class="small"><?cs var:L.scan.howto ?></p>
  <?cs if:Offline.Key ?>
  <?cs # The offline verifier's facts (offline.js): the card tokens' public
       key, the state that lets a student in, the token's life, where the
       kept scans go, and the texts of its answers. ?>
  <div id="offline" hidden data-key="<?cs var:Offline.Key ?>" data-green="<?cs var:Offline.Green ?>"
    data-ttl="<?cs var:Offline.Ttl ?>" data-skew="<?cs var:Offline.Skew ?>" data-device="<?cs var:Offline.Device ?>"
    data-scan="<?cs var:Site.Prefix ?>/scan" data-health="<?cs var:Site.Prefix ?>/healthz" data-csrf="<?cs var:Page.Csrf ?>"
    data-nacl="<?cs var:Site.Prefix ?>/static/vendor/nacl-fast.min.js">
    <p id="offline-pending" class="small" data-count="0"><?cs var:L.scan.offline.pending ?> <strong>0</strong></p>
    <ul hidden id="offline-texts">
      <li data-k="allow"><?cs var:L.scan.result.allow ?></li>
      <li data-k="deny"><?cs var:L.scan.result.deny ?></li>
      <li data-k="already"><?cs var:L.scan.result.already ?></li>
      <li data-k="just_admitted"><?cs var:L.scan.why.just_admitted ?></li>
      <li data-k="mode"><?cs var:L.scan.offline.mode ?></li>
      <li data-k="bad_code"><?cs var:L.scan.offline.bad ?></li>
      <li data-k="expired_code"><?cs var:L.scan.offline.expired ?></li>
      <li data-k="not_green"><?cs var:L.scan.offline.not_green ?></li>
      <li data-k="revoked"><?cs var:L.scan.why.unknown_device ?></li>
      <?cs each:st = Offline.States ?><li data-k="state<?cs name:st ?>"><?cs var:L.card.state[st] ?></li><?cs /each ?>
    </ul>
  </div>
  <?cs /if ?>
  <?cs if:!Page.Https ?><p class="small" id="camera-needs-https"><?cs var:L.scan.needs_https ?></p><?cs /if ?>
</section>
<?cs if:Offline.Key ?>
<section id="offline-result" class="scan" hidden aria-live="assertive">
  <p class="scan-icon" aria-hidden="true"></p>
  <h1 class="scan-word"><?cs var:L.scan.title ?></h1>
  <p class="scan-why"></p>
  <dl class="scan-who"><dt><?cs var:L.card.name ?></dt><dd class="big offline-name"></dd><dt><?cs var:L.card.number ?></dt><dd class="offline-number"></dd></dl>
  <p class="small offline-mode"></p>
</section>
<?cs /if ?>
<?cs include:"footer.cs" ?>
