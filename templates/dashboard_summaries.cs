<?cs set:Page.Title = L.summaries.title ?>
<?cs include:"header.cs" ?>
<section class="panel">
<h1><?cs var:L.summaries.title ?> · <?cs var:Dash.Day ?></h1>
<div class="scroll" tabindex="0">
<table class="list">
<thead><tr><th><?cs var:L.dashboard.col.name ?></th><th><?cs var:L.card.college ?></th><th><?cs var:L.summaries.at ?></th><?cs each:h = Summary.Hand ?><th><?cs var:h.label ?></th><?cs /each ?><th><?cs var:L.summary.notes ?></th></tr></thead>
<tbody>
<?cs each:s = Summaries ?>
<tr<?cs if:!s.at ?> class="unreported"<?cs /if ?>><td><?cs var:s.name ?></td><td><?cs var:s.college ?></td><td><?cs if:s.at ?><?cs var:s.at ?><?cs else ?><?cs var:L.summaries.missing ?><?cs /if ?></td><?cs each:h = Summary.Hand ?><td class="num"><?cs var:s["hand_" + h.name] ?></td><?cs /each ?><td><?cs var:s.notes ?></td></tr>
<?cs /each ?>
</tbody>
</table>
</div>
</section>
<?cs include:"footer.cs" ?>
