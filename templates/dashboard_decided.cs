<?cs set:Page.Title = L.dashboard.title ?>
<?cs include:"header.cs" ?>
<section class="panel narrow">
<h1><?cs var:L.dashboard.already_decided ?></h1>
<p class="message"><?cs var:Decided.By ?> <?cs var:Decided.At ?></p>
<p><a href="<?cs var:Site.Prefix ?>/dashboard#anomalies"><?cs var:L.dashboard.back ?></a></p>
</section>
<?cs include:"footer.cs" ?>
