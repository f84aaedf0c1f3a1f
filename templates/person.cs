<?cs include:"macros.cs" ?>
<?cs set:Page.Title = L.person.title ?>
<?cs include:"header.cs" ?>
<?cs # One person's whole record (cgi-bin/person.c): staff in scope, or the person themself. ?>
<section class="panel" aria-labelledby="person-name">
  <h1 id="person-name"><?cs var:Record.Person.name ?> <span class="small"><?cs var:Record.Person.number ?></span></h1>
  <dl class="facts">
    <dt><?cs var:L.card.identity ?></dt><dd><?cs var:L.identity[Record.Person.identity] ?></dd>
    <dt><?cs var:L.person.status_label ?></dt><dd id="person-status"><?cs var:L.person.status[Record.Person.status] ?></dd>
    <dt><?cs var:L.card.college ?></dt><dd><?cs var:Record.Person.college ?><?cs if:Record.Person.class ?> · <?cs var:Record.Person.class ?><?cs /if ?></dd>
    <dt><?cs var:L.card.counselor ?></dt><dd><?cs if:Record.Person.counselor ?><?cs var:Record.Person.counselor ?><?cs else ?><?cs var:L.card.none ?><?cs /if ?></dd>
    <?cs if:Record.Person.phone ?><dt><?cs var:L.form.basic.phone ?></dt><dd><?cs var:Record.Person.phone ?></dd><?cs /if ?>
  </dl>
</section>

<section class="card card-<?cs var:Card.Colour ?>" aria-labelledby="card-state">
  <div class="card-head">
    <div>
      <p class="card-colour"><?cs var:L.card.colour[Card.Colour] ?></p>
      <h2 id="card-state" class="card-title"><?cs var:Card.Title ?></h2>
    </div>
  </div>
  <?cs call:card_reasons() ?>
  <?cs if:subcount(Card.Missing) > 0 ?><p><?cs var:L.card.missing_days ?> <?cs each:d = Card.Missing ?><?cs var:d ?> <?cs /each ?></p><?cs /if ?>
</section>
<p class="panel"><a href="<?cs var:Site.Prefix ?>/card<?cs if:Record.ViewedByStaff ?>?person=<?cs var:Record.Person.id ?><?cs /if ?>"><?cs var:L.person.open_card ?></a>
  <?cs if:Record.ViewedByStaff && (Who.Is.Counselor || Who.Is.Admin) ?> · <a href="<?cs var:Site.Prefix ?>/checkin/basic_fix?person=<?cs var:Record.Person.id ?>"><?cs var:L.checkin.basic_fix ?></a><?cs /if ?>
  <?cs if:!Record.ViewedByStaff ?> · <a href="<?cs var:Site.Prefix ?>/person/export" id="export-mine" download><?cs var:L.person.export ?></a><?cs /if ?></p>

<section class="panel" aria-labelledby="h-basic">
  <h2 id="h-basic"><?cs var:L.checkin.basic_title ?></h2>
  <?cs if:Record.Person.Basic.phone ?>
  <dl class="facts">
    <dt><?cs var:L.form.basic.phone ?></dt><dd><?cs var:Record.Person.Basic.phone ?></dd>
    <dt><?cs var:L.form.basic.home_address ?></dt><dd><?cs var:Record.Person.Basic.home_address ?></dd>
    <dt><?cs var:L.form.basic.emergency_contact ?></dt><dd><?cs var:Record.Person.Basic.emergency_contact ?> · <?cs var:Record.Person.Basic.emergency_phone ?></dd>
    <dt><?cs var:L.form.basic.boarding ?></dt><dd><?cs if:Record.Person.Basic.boarding == "1" ?><?cs var:L.form.basic.boarding.1 ?><?cs else ?><?cs var:L.form.basic.boarding.0 ?><?cs /if ?> <?cs var:Record.Person.Basic.dorm ?></dd>
    <dt><?cs var:L.person.filled_at ?></dt><dd><?cs var:Record.Person.Basic.filled_at ?><?cs if:Record.Person.Basic.updated_at ?> · <?cs var:L.person.updated ?> <?cs var:Record.Person.Basic.updated_at ?> <?cs var:Record.Person.Basic.updated_by ?><?cs /if ?></dd>
  </dl>
  <?cs else ?><p><?cs var:L.person.none ?></p><?cs /if ?>
</section>

<section class="panel" aria-labelledby="h-calendar">
  <h2 id="h-calendar"><?cs var:L.calendar.title ?></h2>
  <ol class="calendar" id="calendar">
  <?cs each:d = Record.Day ?>
    <li class="day-<?cs var:d.state ?>"><span class="date"><?cs var:d.day ?></span>
      <span class="state"><?cs if:d.state == "exempt" ?><?cs var:L.person.exempt_day ?><?cs else ?><?cs var:L.calendar[d.state] ?><?cs /if ?></span>
      <?cs if:d.state == "done" || d.state == "bulk" || d.state == "made_up" || d.state == "sent_back" ?><a href="<?cs if:!d.listed ?><?cs var:Site.Prefix ?>/person?id=<?cs var:Record.Person.id ?>&amp;to=<?cs var:d.day ?><?cs /if ?>#report-<?cs var:d.day ?>"><?cs var:L.person.see_report ?></a><?cs /if ?></li>
  <?cs /each ?>
  </ol>
</section>

<section class="panel" aria-labelledby="h-reports">
  <h2 id="h-reports"><?cs var:L.person.reports ?> (<?cs var:subcount(Record.Report) ?>)</h2>
  <?cs if:Record.Reports.From ?><p class="small" id="reports-range"><?cs var:Record.Reports.From ?> – <?cs var:Record.Reports.To ?></p><?cs /if ?>
  <?cs each:rp = Record.Report ?>
  <details class="report" id="report-<?cs var:rp.day ?>">
    <summary><?cs var:rp.day ?> · <?cs var:rp.temperature ?> °C<?cs if:rp.anomaly == "1" ?> · <span class="tag bad"><?cs var:L.person.anomaly_state[rp.anomaly_state] ?></span><?cs /if ?><?cs if:rp.is_makeup == "1" ?> · <?cs var:L.calendar.made_up ?><?cs /if ?><?cs if:rp.data_changed == "1" ?> · <?cs var:L.dashboard.changed ?><?cs /if ?><?cs if:rp.bulk_by ?> · <span class="tag bulk"><?cs var:L.bulk.unconfirmed ?></span><?cs /if ?></summary>
    <dl class="facts">
      <dt><?cs var:L.checkin.done_at ?></dt><dd><?cs var:rp.at ?><?cs if:rp.bulk_by ?> (<?cs var:L.bulk.filled_by ?> <?cs var:rp.bulk_by ?>: <?cs var:L.bulk.unconfirmed ?>)<?cs elif:rp.filled_by ?> (<?cs var:L.person.filled_by ?> <?cs var:rp.filled_by ?>)<?cs /if ?></dd>
      <dt><?cs var:L.form.report.temperature ?></dt><dd><?cs var:rp.temperature ?></dd>
      <dt><?cs var:L.person.symptoms ?></dt><dd><?cs if:rp.symptoms ?><?cs if:string.find(rp.symptoms, "fever") != -1 ?><?cs var:L.form.report.sym_fever ?> <?cs /if ?><?cs if:string.find(rp.symptoms, "cough") != -1 ?><?cs var:L.form.report.sym_cough ?> <?cs /if ?><?cs if:string.find(rp.symptoms, "diarrhoea") != -1 ?><?cs var:L.form.report.sym_diarrhoea ?><?cs /if ?><?cs else ?><?cs var:L.person.none ?><?cs /if ?></dd>
      <dt><?cs var:L.form.report.city ?></dt><dd><?cs var:rp.city ?><?cs if:rp.location_changed == "1" ?> · <?cs var:L.dashboard.figure.location_changed ?><?cs /if ?></dd>
      <dt><?cs var:L.geo.legend ?></dt><dd class="geo"><?cs if:rp.geo_lat ?><?cs var:rp.geo_lat ?>, <?cs var:rp.geo_lon ?> (<?cs var:L.geo.accuracy ?> <?cs var:rp.geo_accuracy ?> <?cs var:L.geo.metres ?>)<?cs else ?><?cs var:L.geo.none ?><?cs /if ?></dd>
      <dt><?cs var:L.form.report.in_city ?></dt><dd><?cs var:L.form.report.in_city[rp.in_city] ?></dd>
      <dt><?cs var:L.form.report.on_campus ?></dt><dd><?cs var:L.form.report.on_campus[rp.on_campus] ?></dd>
      <dt><?cs var:L.form.report.abroad ?></dt><dd><?cs var:L.form.report.abroad[rp.abroad] ?></dd>
      <dt><?cs var:L.form.report.risk_area ?></dt><dd><?cs var:L.form.report.risk_area[rp.risk_area_14d] ?></dd>
      <dt><?cs var:L.form.report.cohabitant_returned ?></dt><dd><?cs var:L.form.report.cohabitant_returned[rp.cohabitant_returned] ?></dd>
      <dt><?cs var:L.form.report.returned_to_city ?></dt><dd><?cs var:L.form.report.returned_to_city[rp.returned_to_city] ?></dd>
      <dt><?cs var:L.form.report.quarantine ?></dt><dd><?cs var:L.form.report.quarantine[rp.quarantine] ?></dd>
      <dt><?cs var:L.form.report.diagnosis ?></dt><dd><?cs var:L.form.report.diagnosis[rp.diagnosis] ?></dd>
      <dt><?cs var:L.person.other ?></dt><dd><?cs if:rp.other_abnormal ?><?cs var:rp.other_abnormal ?><?cs else ?><?cs var:L.person.none ?><?cs /if ?></dd>
      <?cs call:answer_facts(rp.Answer) ?>
      <?cs if:rp.anomaly == "1" ?><dt><?cs var:L.review.flags ?></dt><dd><?cs call:flag_words(rp.anomaly_flags) ?></dd>
      <?cs if:rp.verified_by ?><dt><?cs var:L.person.verified ?></dt><dd><?cs var:rp.verified_at ?> <?cs var:rp.verified_by ?><?cs if:rp.verify_reason ?> · <?cs var:rp.verify_reason ?><?cs /if ?></dd><?cs /if ?><?cs /if ?>
    </dl>
  </details>
  <?cs /each ?>
  <?cs if:Record.Reports.Earlier || Record.Reports.Latest ?><p class="pager"><?cs if:Record.Reports.Latest ?><a id="reports-latest" href="<?cs var:Site.Prefix ?>/person?id=<?cs var:Record.Person.id ?>#h-reports"><?cs var:L.person.latest ?></a><?cs /if ?>
  <?cs if:Record.Reports.Earlier ?><a id="reports-earlier" href="<?cs var:Site.Prefix ?>/person?id=<?cs var:Record.Person.id ?>&amp;to=<?cs var:Record.Reports.Earlier ?>#h-reports"><?cs var:L.person.earlier ?></a><?cs /if ?></p><?cs /if ?>
</section>

<section class="panel" aria-labelledby="h-makeups">
  <h2 id="h-makeups"><?cs var:L.makeup.tab ?></h2>
  <?cs if:subcount(Record.Makeup) == 0 ?><p><?cs var:L.person.none ?></p><?cs /if ?>
  <ul>
  <?cs each:m = Record.Makeup ?>
    <li><strong><?cs var:m.day ?></strong> · <span class="tag"><?cs var:L.makeup.state[m.state] ?></span> · <?cs var:m.reason ?>
      <span class="small"><?cs var:m.created_at ?><?cs if:m.decided_by ?> · <?cs var:m.decided_at ?> <?cs var:m.decided_by ?><?cs if:m.decision_reason ?>: <?cs var:m.decision_reason ?><?cs /if ?><?cs /if ?></span></li>
  <?cs /each ?>
  </ul>
</section>

<section class="panel" aria-labelledby="h-return">
  <h2 id="h-return"><?cs var:L.return.title ?></h2>
  <?cs if:subcount(Record.App) == 0 ?><p><?cs var:L.person.none ?></p><?cs /if ?>
  <?cs each:a = Record.App ?>
  <h3><?cs var:a.term ?> · <?cs var:L.table.app[a.state] ?></h3>
  <ol class="steps">
    <li><?cs var:L.return.step.quiz ?>: <?cs alt:a.quiz_passed_at ?>–<?cs /alt ?></li>
    <li><?cs var:L.return.step.pledge ?>: <?cs alt:a.pledge_accepted_at ?>–<?cs /alt ?></li>
    <li><?cs var:L.return.step.apply ?>: <?cs alt:a.submitted_at ?>–<?cs /alt ?><?cs if:a.reason ?> · <?cs var:a.reason ?><?cs /if ?></li>
    <?cs each:rv = a.Review ?>
    <li class="review-step"><?cs var:rv.decided_at ?> · <?cs var:L.person.stage[rv.stage] ?> · <?cs var:L.person.decision[rv.decision] ?> · <?cs var:rv.reviewer ?><?cs if:rv.reason ?>: <?cs var:rv.reason ?><?cs /if ?></li>
    <?cs /each ?>
  </ol>
  <?cs if:a.allowed_from ?><p><?cs var:L.card.window ?>: <?cs var:a.allowed_from ?> – <?cs var:a.allowed_until ?></p><?cs /if ?>
  <?cs if:subcount(a.Leg) > 0 ?><p><?cs var:L.return.legs ?>:</p><ul><?cs each:l = a.Leg ?><li><?cs var:l.day ?> · <?cs var:L.return.modes[l.mode] ?> <?cs var:l.number ?> · <?cs var:l.from_place ?> → <?cs var:l.to_place ?></li><?cs /each ?></ul><?cs /if ?>
  <?cs if:subcount(a.Upload) > 0 ?><p><?cs var:L.review.uploads ?>:</p><ul><?cs each:u = a.Upload ?><li><a href="<?cs var:Site.Prefix ?>/return/file?id=<?cs var:u.id ?>"><?cs var:L.return.kinds[u.kind] ?></a> · <?cs var:u.uploaded_at ?><?cs if:u.dup_reason ?> · <span class="tag warn"><?cs var:L.review.dup[u.dup_reason] ?></span><?cs /if ?></li><?cs /each ?></ul><?cs /if ?>
  <?cs /each ?>
</section>

<section class="panel" aria-labelledby="h-arrivals">
  <h2 id="h-arrivals"><?cs var:L.person.arrivals ?></h2>
  <?cs if:subcount(Record.Arrival) == 0 ?><p><?cs var:L.person.none ?></p><?cs /if ?>
  <ul><?cs each:a = Record.Arrival ?><li><?cs var:a.at ?> · <?cs var:L.scan.kind[a.kind] ?> · <?cs var:a.gate ?><?cs if:a.scanned_by ?> · <?cs var:a.scanned_by ?><?cs /if ?> (<?cs var:a.term ?>)</li><?cs /each ?></ul>
</section>

<section class="panel" aria-labelledby="h-messages">
  <h2 id="h-messages"><?cs var:L.person.messages ?></h2>
  <?cs if:subcount(Record.Message) == 0 ?><p><?cs var:L.person.none ?></p><?cs /if ?>
  <ul><?cs each:m = Record.Message ?><li><span class="small"><?cs var:m.at ?></span> <?cs var:m.Text ?></li><?cs /each ?></ul>
</section>

<section class="panel" aria-labelledby="h-audit">
  <h2 id="h-audit"><?cs var:L.person.audit ?></h2>
  <p class="small"><?cs var:L.person.audit_note ?></p>
  <?cs if:subcount(Record.Audit) == 0 ?><p><?cs var:L.person.none ?></p><?cs else ?>
  <section class="scroll" tabindex="0" aria-label="<?cs var:L.auditlog.results ?>">
  <table class="list" id="audit-about">
    <thead><tr><th><?cs var:L.auditlog.col.at ?></th><th><?cs var:L.auditlog.col.who ?></th><th><?cs var:L.auditlog.col.what ?></th><th><?cs var:L.auditlog.col.detail ?></th></tr></thead>
    <tbody>
    <?cs each:a = Record.Audit ?><tr><td><?cs var:a.at ?></td><td><?cs var:a.actor ?></td><td><?cs alt:L.audit[a.action] ?><?cs var:a.action ?><?cs /alt ?></td><td><?cs var:a.detail ?></td></tr><?cs /each ?>
    </tbody>
  </table>
  </section>
  <?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
