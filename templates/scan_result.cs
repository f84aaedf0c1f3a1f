<?cs # The gate's answer, one glance: colour plus icon plus words. ?>
<?cs set:Page.Title = L.scan.result[Scan.Result] ?>
<?cs include:"header.cs" ?>
<section class="scan scan-<?cs var:Scan.Result ?>"<?cs if:Scan.Leave ?> data-leave="<?cs var:Scan.Leave ?>"<?cs /if ?><?cs if:Scan.Commute ?> data-commute="<?cs var:Scan.Commute ?>"<?cs /if ?> data-result="<?cs var:Scan.Result ?>" data-reason="<?cs var:Scan.Reason ?>"<?cs if:Scan.Offline ?> data-offline="1" data-flag="<?cs var:Scan.Flag ?>" data-arrived="<?cs var:Scan.Arrived ?>" data-duplicate="<?cs var:Scan.Duplicate ?>"<?cs /if ?>>
  <p class="scan-icon" aria-hidden="true"><?cs if:Scan.Result == "allow" ?>&#x2714;<?cs elif:Scan.Result == "already" ?>&#x2139;<?cs else ?>&#x2716;<?cs /if ?></p>
  <h1 class="scan-word"><?cs if:Scan.Result == "allow" && Station.Kind == "dorm" ?><?cs var:L.scan.result.allow_dorm ?><?cs elif:Scan.Result == "allow" && Scan.Leave ?><?cs var:L.leave.gate[Scan.Leave] ?><?cs elif:Scan.Result == "allow" && Scan.Commute ?><?cs var:L.commute.gate[Scan.Commute] ?><?cs elif:Scan.Result == "allow" && Pass.Booking ?><?cs if:Pass.Direction == "in" ?><?cs var:L.scan.result.booking_in ?><?cs else ?><?cs var:L.scan.result.booking_out ?><?cs /if ?><?cs elif:Scan.Result == "allow" && Pass.Direction ?><?cs var:L.pass.allow[Pass.Direction] ?><?cs else ?><?cs var:L.scan.result[Scan.Result] ?><?cs /if ?></h1>
  <?cs if:Pass.Building ?><p class="scan-where"><?cs var:Pass.Building ?> · <?cs var:L.pass.direction[Pass.Direction] ?><?cs if:Scan.Temperature ?> · <span id="door-temperature"><?cs var:Scan.Temperature ?> °C</span><?cs /if ?></p><?cs /if ?>
  <?cs if:Scan.Result != "allow" ?>
  <p class="scan-why"><?cs if:Scan.Why ?><?cs var:Scan.Why ?><?cs else ?><?cs var:L.scan.why[Scan.Reason] ?><?cs /if ?></p>
  <?cs /if ?>
  <?cs if:Scan.Offline && Scan.At ?>
  <p class="scan-offline"><?cs if:Scan.Duplicate ?><?cs var:L.scan.offline.duplicate ?><?cs else ?><?cs var:L.scan.offline.uploaded ?><?cs /if ?><?cs if:Scan.Flag ?> <strong class="scan-flag"><?cs var:L.scan.offline.flagged ?> <?cs var:L.scan.why[Scan.Flag] ?></strong><?cs /if ?></p>
  <?cs /if ?>
  <?cs if:Scan.At ?>
  <p class="scan-when"><?cs var:Scan.At ?> · <?cs var:Scan.Where ?></p>
  <?cs /if ?>
  <?cs if:Person.name ?>
  <?cs if:Scan.Photo ?><img class="scan-photo" id="scan-photo" src="<?cs var:Site.Prefix ?><?cs var:Scan.Photo ?>" alt="<?cs var:L.photo.alt ?>" width="120"><?cs else ?><p class="scan-when" id="scan-no-photo"><?cs var:L.photo.none_at_gate ?></p><?cs /if ?>
  <dl class="scan-who">
    <dt><?cs var:L.card.name ?></dt><dd class="big"><?cs var:Person.name ?></dd>
    <dt><?cs var:L.card.number ?></dt><dd><?cs var:Person.number ?></dd>
    <dt><?cs var:L.card.college ?></dt><dd><?cs var:Person.college ?></dd>
    <dt><?cs var:L.card.boarding ?></dt><dd><?cs if:Person.boarding == "1" ?><?cs var:L.card.boarder ?><?cs else ?><?cs var:L.card.day_student ?><?cs /if ?></dd>
    <?cs if:Scan.Result != "allow" ?><dt><?cs var:L.scan.card ?></dt><dd><?cs var:Card.Title ?></dd><?cs /if ?>
  </dl>
  <?cs /if ?>
</section>
<?cs if:Station.Name ?>
<p class="scan-station" data-kind="<?cs var:Station.Kind ?>"><?cs var:Station.Name ?><?cs if:Station.Device ?> · <?cs var:Station.Device ?><?cs /if ?>
  <?cs if:!Station.Code ?>· <a href="<?cs var:Site.Prefix ?>/scan"><?cs var:L.scan.next ?></a><?cs /if ?></p>
<?cs /if ?>
<?cs include:"footer.cs" ?>
