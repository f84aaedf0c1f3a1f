<?cs include:"macros.cs" ?>
<?cs set:Page.Title = L.purge.title ?>
<?cs include:"header.cs" ?>
<section class="panel">
<h1><?cs var:L.purge.title ?></h1>
<p><a href="<?cs var:Site.Prefix ?>/policy#retention"><?cs var:L.purge.back ?></a></p>
<dl class="facts" id="purge-run" data-id="<?cs var:Purge.id ?>" data-dry="<?cs var:Purge.dry_run ?>">
  <dt><?cs var:L.purge.started ?></dt><dd><?cs var:Purge.started_at ?></dd>
  <dt><?cs var:L.purge.finished ?></dt><dd><?cs var:Purge.finished_at ?></dd>
  <dt><?cs var:L.purge.by ?></dt><dd><?cs var:Purge.run_by ?><?cs if:Purge.dry_run == "1" ?> (<?cs var:L.purge.dry ?>)<?cs /if ?></dd>
</dl>
<?cs if:subcount(Purge.Line) == 0 ?><p id="purge-nothing"><?cs var:L.retention.nothing ?></p><?cs else ?>
<section class="scroll" tabindex="0" aria-label="<?cs var:L.purge.title ?>">
<table class="list" id="purge-lines">
<thead><tr><th scope="col"><?cs var:L.purge.col.kind ?></th><th scope="col"><?cs var:L.purge.col.term_name ?></th><th scope="col"><?cs var:L.purge.col.rule_days ?></th><th scope="col"><?cs var:L.purge.col.rows_n ?></th><th scope="col"><?cs var:L.purge.col.files_n ?></th></tr></thead>
<tbody><?cs each:l = Purge.Line ?><tr data-kind="<?cs var:l.kind ?>"><td><?cs var:L.purge.kind[l.kind] ?></td><td><?cs var:l.term_name ?></td><td class="num"><?cs var:l.rule_days ?></td><td class="num"><?cs var:l.rows_n ?></td><td class="num"><?cs var:l.files_n ?></td></tr><?cs /each ?></tbody>
</table>
</section>
<?cs /if ?>
<p><a href="<?cs var:Site.Prefix ?>/policy/purge?id=<?cs var:Purge.id ?>&amp;fmt=csv" id="purge-csv"><?cs var:L.purge.download ?></a></p>
</section>
<?cs include:"footer.cs" ?>
