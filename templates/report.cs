<?cs include:"macros.cs" ?>
<?cs set:Page.Title = L.report.title ?>
<?cs include:"header.cs" ?>
<section class="panel">
<h1><?cs var:L.report.title ?></h1>
<?cs if:Report.Message ?><p class="message bad" role="alert" id="report-message"><?cs var:Report.Message ?></p><?cs /if ?>
<form method="get" action="<?cs var:Site.Prefix ?>/report" class="filters">
  <label><?cs var:L.table.f.term ?> <select name="term">
    <?cs each:t = Report.Terms ?><option value="<?cs var:t.id ?>"<?cs if:Report.Term == t.id ?> selected<?cs /if ?>><?cs var:t.name ?></option><?cs /each ?>
  </select></label>
  <label><?cs var:L.report.from ?> <input type="date" name="from" value="<?cs var:Report.From ?>"></label>
  <label><?cs var:L.report.to ?> <input type="date" name="to" value="<?cs var:Report.To ?>"></label>
  <button type="submit" class="primary"><?cs var:L.table.search ?></button>
</form>
<p class="small"><?cs var:L.report.range_note ?></p>
<table class="list report">
<thead><tr><th><?cs var:L.report.seq ?></th><th><?cs var:L.report.item ?></th><th><?cs var:L.report.count ?></th></tr></thead>
<tbody>
<?cs each:f = Report.Figure ?>
<tr><td><?cs var:name(f) + 1 ?></td>
  <td><?cs var:L.report.fig[f.Name] ?><?cs if:f.Ranged && (Report.From || Report.To) ?> <span class="small">(<?cs var:L.report.in_range ?>)</span><?cs /if ?></td>
  <td class="num"><a id="fig-<?cs var:f.Name ?>" href="<?cs var:Site.Prefix ?><?cs var:f.Link ?>"><?cs var:f.Count ?></a></td></tr>
<?cs /each ?>
</tbody>
</table>
</section>
<section class="panel">
<h2><?cs var:L.report.chart ?></h2>
<div class="scroll">
<svg class="trend arrivals" viewBox="0 0 <?cs var:Report.Chart.Width ?> 122" width="<?cs var:Report.Chart.Width ?>" role="img" aria-label="<?cs var:L.report.chart ?>">
  <line x1="0" y1="100" x2="<?cs var:Report.Chart.Width ?>" y2="100" class="axis"/>
  <?cs each:b = Report.Bar ?>
  <rect x="<?cs var:b.X ?>" y="<?cs var:b.Y ?>" width="16" height="<?cs var:b.H ?>" data-day="<?cs var:b.Date ?>" data-n="<?cs var:b.N ?>"><title><?cs var:b.Date ?>: <?cs var:b.N ?></title></rect>
  <?cs if:b.N > 0 ?><text x="<?cs var:b.X + 8 ?>" y="<?cs var:b.Y - 2 ?>" class="pct"><?cs var:b.N ?></text><?cs /if ?>
  <text x="<?cs var:b.X + 8 ?>" y="116" class="day"><?cs var:b.Day ?></text>
  <?cs /each ?>
</svg>
</div>
<?cs if:Report.ChartCut ?><p class="small"><?cs var:L.report.chart_cut ?></p><?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
