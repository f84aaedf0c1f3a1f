<?cs set:Page.Title = L.review.title ?>
<?cs include:"header.cs" ?>
<section class="panel">
<h1><?cs var:L.review.results ?></h1>
<p class="message"><?cs var:L.review.done_count ?> <strong id="done-count"><?cs var:Results.Done ?></strong> / <?cs var:Results.Total ?></p>
<ul class="results">
<?cs each:res = Result ?>
<li class="outcome-<?cs var:res.Outcome ?>">#<?cs var:res.Item ?>: <?cs var:L.review.outcome[res.Outcome] ?><?cs if:res.Outcome == "already" ?> <?cs var:res.By ?> <?cs var:res.At ?><?cs /if ?></li>
<?cs /each ?>
</ul>
<p><a href="/review"><?cs var:L.review.back ?></a></p>
</section>
<?cs include:"footer.cs" ?>
