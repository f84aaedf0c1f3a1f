<?cs include:"macros.cs" ?>
<?cs set:Page.Title = L.checkin.title ?>
<?cs include:"header.cs" ?>
<?cs call:checkin_nav("report") ?>
<?cs call:sent_back_notice() ?>
<?cs if:Checkin.Report.anomaly_state == "open" ?>
<section class="card card-red">
  <div class="card-head"><span class="card-icon" aria-hidden="true">&#x2716;</span>
  <div><p class="card-colour"><?cs var:L.card.colour.red ?> · <?cs var:Checkin.Day ?></p>
  <h1 class="card-title"><?cs var:L.checkin.flagged ?></h1></div></div>
  <ul class="reasons" id="flags"><?cs each:f = Checkin.Flag ?><li><?cs var:f ?></li><?cs /each ?></ul>
  <p><?cs var:L.checkin.next_steps ?></p>
</section>
<?cs else ?>
<section class="card card-green">
  <div class="card-head"><span class="card-icon" aria-hidden="true">&#x2714;</span>
  <div><p class="card-colour"><?cs var:Checkin.Day ?></p>
  <h1 class="card-title"><?cs if:Checkin.PastDay ?><?cs var:L.checkin.done_past ?><?cs else ?><?cs var:L.checkin.done ?><?cs /if ?></h1></div></div>
  <p class="reasons"><?cs var:L.checkin.done_at ?> <?cs var:Checkin.Report.at ?><?cs if:Checkin.Report.filled_by ?> (<span id="filler"><?cs var:L.person.filled_by ?> <?cs var:Checkin.Report.filler ?></span>)<?cs /if ?></p>
  <?cs if:Checkin.Report.anomaly_state == "cleared" ?><p class="reasons"><?cs var:L.checkin.cleared ?></p><?cs /if ?>
</section>
<?cs /if ?>
<section class="panel">
  <dl class="facts">
    <dt><?cs var:L.form.report.temperature ?></dt><dd><?cs var:Checkin.Report.temperature ?> °C</dd>
    <dt><?cs var:L.form.report.city ?></dt><dd><?cs var:Checkin.Report.city ?></dd>
    <?cs call:answer_facts(Checkin.Answer) ?>
  </dl>
  <p class="small"><?cs var:L.checkin.immutable ?></p>
  <p><a href="<?cs var:Site.Prefix ?>/card"><?cs var:L.home.my_card ?></a></p>
</section>
<?cs call:basic_info() ?>
<?cs include:"footer.cs" ?>
