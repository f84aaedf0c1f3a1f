<?cs set:Page.Title = L.review.title ?>
<?cs include:"header.cs" ?>
<section class="panel">
<h1><?cs var:L.review.results ?></h1>
<p class="message"><?cs var:L.review.done_count ?> <strong id="done-count"><?cs var:Results.Done ?></strong> / <?cs var:Results.Total ?></p>
<ul class="results">
<?cs each:res = Result ?>
<li class="outcome-<?cs var:res.Outcome ?>"><?cs if:res.Name ?><?cs var:res.Name ?> <span class="small"><?cs var:res.Number ?></span><?cs else ?><?cs var:L.review.item_no ?> <?cs var:res.Item ?><?cs /if ?>: <?cs var:L.review.outcome[res.Outcome] ?><?cs if:res.Outcome == "already" ?> <?cs var:res.By ?> <?cs var:res.At ?><?cs /if ?></li>
<?cs /each ?>
</ul>
<p><a href="<?cs var:Site.Prefix ?>/review"><?cs var:L.review.back ?></a></p>
</section>
<?cs include:"footer.cs" ?>
