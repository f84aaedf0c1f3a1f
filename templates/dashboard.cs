<?cs include:"macros.cs" ?>
<?cs set:Page.Title = L.dashboard.title ?>
<?cs include:"header.cs" ?>
<section class="panel">
<h1><?cs var:L.dashboard.title ?></h1>
<form method="get" action="<?cs var:Site.Prefix ?>/dashboard" class="row">
  <label><?cs var:L.dashboard.day ?> <input type="date" name="day" value="<?cs var:Dash.Day ?>"></label>
  <input type="hidden" name="f" value="<?cs var:Dash.Filter ?>">
  <button type="submit"><?cs var:L.dashboard.show ?></button>
</form>
<?cs if:Dash.Message ?><p class="message bad" role="alert"><?cs var:Dash.Message ?></p><?cs /if ?>
<?cs if:Query.reminded ?><p class="message"><?cs var:L.dashboard.reminded ?> <?cs var:Query.reminded ?></p><?cs /if ?>
<?cs if:Query.verified ?><p class="message"><?cs var:L.dashboard.verified ?></p><?cs /if ?>
<?cs if:Query.proxied ?><p class="message"><?cs var:L.dashboard.proxied ?></p><?cs /if ?>
<?cs # The actions first: on a phone the figures fill screens. ?>
<?cs if:Dash.IsToday ?>
<div class="dash-actions">
<p><a class="button primary" href="<?cs var:Site.Prefix ?>/dashboard/remind"><?cs var:L.dashboard.remind ?> (<?cs var:Dash.Figure.unreported ?>)</a></p>
<?cs if:Dash.RemindedToday > 0 ?><p class="small" id="reminded-today"><?cs var:L.dashboard.reminded_today ?> <?cs var:Dash.RemindedToday ?> <?cs var:L.dashboard.people ?></p><?cs /if ?>
<?cs if:Who.Is.Counselor ?><p><a href="<?cs var:Site.Prefix ?>/dashboard/summary"><?cs var:L.summary.title ?></a></p><?cs /if ?>
<?cs if:Who.Is.Admin ?><p><a href="<?cs var:Site.Prefix ?>/dashboard/summaries"><?cs var:L.summaries.title ?></a></p><?cs /if ?>
</div>
<?cs /if ?>
<ul class="figures">
<?cs each:fig = Dash.Figures ?>
  <li<?cs if:Dash.Filter == fig.name ?> class="current"<?cs /if ?>><a href="<?cs var:Site.Prefix ?>/dashboard?day=<?cs var:Dash.Day ?>&amp;f=<?cs var:fig.name ?>#list">
    <span class="n" id="fig-<?cs var:fig.name ?>"><?cs var:Dash.Figure[fig.name] ?></span>
    <span class="l"><?cs var:fig.label ?></span></a></li>
<?cs /each ?>
</ul>
<p id="guests-line"><a href="<?cs var:Site.Prefix ?>/collect"><?cs var:L.dashboard.guests ?></a>: <span id="guests-total"><?cs alt:Dash.Guests.total ?>0<?cs /alt ?></span> <?cs var:L.dashboard.guests_people ?> · <?cs var:L.dashboard.guests_declared ?> <span id="guests-declared"><?cs alt:Dash.Guests.declared ?>0<?cs /alt ?></span><?cs if:Dash.Guests.abnormal > 0 ?> · <span class="bad"><?cs var:L.dashboard.guests_abnormal ?> <span id="guests-abnormal"><?cs var:Dash.Guests.abnormal ?></span></span><?cs /if ?></p>
<?cs if:Dash.Snapshot.At ?><p class="small" id="snapshot-at"><?cs var:L.dashboard.snapshot_at ?> <?cs var:Dash.Snapshot.At ?></p><?cs /if ?>
</section>

<section class="panel">
<h2><?cs var:L.dashboard.trend ?></h2>
<svg class="trend" viewBox="-4 -12 292 138" role="img" aria-label="<?cs var:L.dashboard.trend ?>">
  <line x1="0" y1="100" x2="282" y2="100" class="axis"/>
  <?cs each:b = Dash.Bar ?>
  <rect x="<?cs var:b.X ?>" y="<?cs var:b.Y ?>" width="16" height="<?cs var:b.Pct ?>"><title><?cs var:b.Day ?>: <?cs var:b.Pct ?>%</title></rect>
  <text x="<?cs var:b.X + 8 ?>" y="<?cs var:b.Y - 2 ?>" class="pct"><?cs var:b.Pct ?></text>
  <?cs # Every other day (ending today): each label has room to be read. ?>
  <?cs if:name(b) % 2 == (subcount(Dash.Bar) - 1) % 2 ?><text x="<?cs var:b.X + 8 ?>" y="118" class="day"><?cs var:b.Day ?></text><?cs /if ?>
  <?cs /each ?>
</svg>
</section>


<?cs if:Dash.LeavesOverdue > 0 ?><p class="message bad" id="leaves-overdue"><a href="<?cs var:Site.Prefix ?>/leave"><?cs var:L.dashboard.leaves_overdue ?>: <?cs var:Dash.LeavesOverdue ?></a></p><?cs /if ?>
<?cs if:subcount(Dash.Anomaly) > 0 ?>
<section class="panel" id="anomalies">
<h2><?cs var:L.dashboard.anomalies ?> (<?cs var:Dash.Figure.anomaly ?>)</h2>
<?cs if:Dash.Figure.anomaly > subcount(Dash.Anomaly) ?><p class="small"><a href="<?cs var:Site.Prefix ?>/dashboard?day=<?cs var:Dash.Day ?>&amp;f=anomaly#list"><?cs var:L.dashboard.anomalies_all ?></a></p><?cs /if ?>
<?cs each:a = Dash.Anomaly ?>
<div class="anomaly">
  <p><strong><a href="<?cs var:Site.Prefix ?>/person?id=<?cs var:a.person ?>"><?cs var:a.name ?></a></strong> <?cs var:a.number ?> · <?cs var:a.day ?> · <?cs var:a.temperature ?>°C · <?cs call:flag_words(a.anomaly_flags) ?></p>
  <form method="post" action="<?cs var:Site.Prefix ?>/dashboard/verify" class="inline">
    <?cs call:csrf_field() ?>
    <input type="hidden" name="report" value="<?cs var:a.id ?>">
    <button type="submit" name="decision" value="clear"><?cs var:L.dashboard.clear ?></button>
  </form>
  <form method="post" action="<?cs var:Site.Prefix ?>/dashboard/verify" class="inline">
    <?cs call:csrf_field() ?>
    <input type="hidden" name="report" value="<?cs var:a.id ?>">
    <input type="text" name="reason" maxlength="500" placeholder="<?cs var:L.dashboard.reason ?>">
    <button type="submit" name="decision" value="send_back"><?cs var:L.dashboard.send_back ?></button>
  </form>
</div>
<?cs /each ?>
</section>
<?cs /if ?>

<section class="panel" id="list">
<h2><?cs var:L.dashboard.list ?>: <?cs var:L.dashboard.figure[Dash.Filter] ?></h2>
<p><a href="<?cs var:Site.Prefix ?>/dashboard/export?day=<?cs var:Dash.Day ?>&amp;f=<?cs var:Dash.Filter ?>"><?cs var:L.dashboard.export ?></a>
  · <a id="export-answers" href="<?cs var:Site.Prefix ?>/dashboard/export?day=<?cs var:Dash.Day ?>&amp;f=<?cs var:Dash.Filter ?>&amp;answers=1"><?cs var:L.dashboard.export_answers ?></a></p>
<div class="scroll">
<table class="list">
<thead><tr><th><?cs var:L.dashboard.col.name ?></th><th><?cs var:L.dashboard.col.number ?></th><th><?cs var:L.dashboard.col.identity ?></th><th><?cs var:L.dashboard.col.diagnosis ?></th><th><?cs var:L.dashboard.col.at ?></th><th><span class="vh"><?cs var:L.app.col_actions ?></span></th></tr></thead>
<tbody>
<?cs each:p = Dash.Row ?>
<tr<?cs if:!p.report ?> class="unreported"<?cs /if ?>>
  <td><a href="<?cs var:Site.Prefix ?>/person?id=<?cs var:p.id ?>"><?cs var:p.name ?></a><?cs if:p.data_changed == "1" ?> <span class="tag warn"><?cs var:L.dashboard.changed ?></span><?cs /if ?><?cs if:p.anomaly_state == "open" ?> <span class="tag bad"><?cs var:L.dashboard.abnormal ?></span><?cs /if ?></td>
  <td><?cs var:p.number ?></td>
  <td><?cs var:L.identity[p.identity] ?></td>
  <td><?cs if:p.diagnosis == "suspected" ?><?cs var:L.form.report.diagnosis.suspected ?><?cs elif:p.diagnosis == "confirmed" ?><?cs var:L.form.report.diagnosis.confirmed ?><?cs /if ?></td>
  <td><?cs if:p.report ?><?cs if:Dash.Filter == "anomaly" ?><?cs var:p.day ?> <?cs /if ?><?cs var:p.at ?><?cs if:p.bulk ?> <span class="tag bulk"><?cs var:L.bulk.unconfirmed ?></span><?cs elif:p.filled_by ?> (<span class="filler"><?cs var:L.person.filled_by ?> <?cs var:p.filler ?></span>)<?cs /if ?><?cs elif:p.exempt == "1" ?><span class="tag"><?cs var:L.dashboard.exempt_mark ?></span><?cs else ?><?cs var:L.dashboard.not_reported ?><?cs /if ?></td>
  <td><?cs if:!p.report && p.exempt != "1" && Dash.IsToday ?><a class="small-button" href="<?cs var:Site.Prefix ?>/checkin/proxy?person=<?cs var:p.id ?>"><?cs var:L.dashboard.proxy ?></a><?cs /if ?></td>
</tr>
<?cs /each ?>
</tbody>
</table>
</div>
<?cs call:pager("/dashboard", "day", Dash.Day, "f", Dash.Filter, Dash.PrevPage, Dash.NextPage, "#list") ?>
</section>

<section class="panel">
<h2 id="by-class"><?cs var:L.dashboard.by_class ?></h2>
<?cs # Wider than a phone with its columns: the region scrolls, so it takes the focus (no link inside). ?>
<section class="scroll" tabindex="0" aria-labelledby="by-class">
<table class="list">
<thead><tr><th><?cs var:L.dashboard.col.class ?></th><th><?cs var:L.dashboard.figure.total ?></th><th><?cs var:L.dashboard.figure.reported ?></th><th><?cs var:L.dashboard.figure.exempt ?></th><th><?cs var:L.dashboard.figure.anomaly ?></th></tr></thead>
<tbody>
<?cs each:c = Dash.Class ?><tr><td><?cs var:c.class ?></td><td><?cs var:c.total ?></td><td><?cs var:c.reported ?></td><td><?cs var:c.exempt ?></td><td><?cs var:c.anomaly ?></td></tr><?cs /each ?>
</tbody>
</table>
</section>
</section>
<?cs include:"footer.cs" ?>
