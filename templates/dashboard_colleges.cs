<?cs set:Page.Title = L.completion.title ?>
<?cs include:"header.cs" ?>
<section class="panel">
<h1><?cs var:L.completion.title ?></h1>
<p class="small"><?cs var:L.completion.intro ?></p>
<?cs if:subcount(Completion.College) == 0 ?><p id="completion-empty"><?cs var:L.completion.empty ?></p><?cs else ?>
<h2><?cs var:L.completion.this_week ?> (<?cs var:Completion.Week.0.From ?> – <?cs var:Completion.Week.0.To ?>)</h2>
<section class="scroll" tabindex="0" aria-label="<?cs var:L.completion.this_week ?>">
<svg class="completion" id="completion-chart" viewBox="0 0 460 <?cs var:Completion.Chart.Height ?>" width="460" height="<?cs var:Completion.Chart.Height ?>" role="img" aria-label="<?cs var:L.completion.this_week ?>">
  <?cs each:c = Completion.College ?>
  <text x="0" y="<?cs var:c.Y + 15 ?>" class="label"><?cs var:c.Name ?></text>
  <rect x="110" y="<?cs var:c.Y + 3 ?>" width="<?cs var:c.Bar ?>" height="16" data-rate="<?cs var:c.Week.0.Rate ?>"><title><?cs var:c.Name ?>: <?cs var:c.Week.0.Rate ?>%</title></rect>
  <text x="<?cs var:c.Bar + 114 ?>" y="<?cs var:c.Y + 15 ?>" class="pct"><?cs if:c.Week.0.Rate ?><?cs var:c.Week.0.Rate ?>%<?cs else ?>–<?cs /if ?></text>
  <?cs /each ?>
</svg>
</section>
<h2><?cs var:L.completion.by_day ?></h2>
<section class="scroll" tabindex="0" aria-label="<?cs var:L.completion.by_day ?>">
<table class="list" id="completion-days">
<thead><tr><th scope="col"><?cs var:L.card.college ?></th><?cs each:d = Completion.Day ?><th scope="col"><?cs var:d.Date ?></th><?cs /each ?></tr></thead>
<tbody><?cs each:c = Completion.College ?>
<tr><th scope="row"><?cs var:c.Name ?></th><?cs each:d = c.Day ?><td title="<?cs var:d.Reported ?> / <?cs var:d.Expected ?>"><?cs if:d.Rate ?><?cs var:d.Rate ?>%<?cs else ?>–<?cs /if ?></td><?cs /each ?></tr>
<?cs /each ?></tbody>
</table>
</section>
<h2><?cs var:L.completion.by_week ?></h2>
<section class="scroll" tabindex="0" aria-label="<?cs var:L.completion.by_week ?>">
<table class="list" id="completion-weeks">
<thead><tr><th scope="col"><?cs var:L.card.college ?></th><?cs each:w = Completion.Week ?><th scope="col"><?cs var:w.From ?> – <?cs var:w.To ?></th><?cs /each ?></tr></thead>
<tbody><?cs each:c = Completion.College ?>
<tr><th scope="row"><?cs var:c.Name ?></th><?cs each:w = c.Week ?><td><?cs if:w.Rate ?><?cs var:w.Rate ?>%<?cs else ?>–<?cs /if ?></td><?cs /each ?></tr>
<?cs /each ?></tbody>
</table>
</section>
<?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
