<?cs include:"macros.cs" ?>
<?cs set:Page.Title = L.checkin.title ?>
<?cs include:"header.cs" ?>
<section class="panel narrow">
<h1><?cs var:L.checkin.already ?></h1>
<p class="message"><?cs var:L.checkin.already_at ?> <strong><?cs var:Checkin.ExistingAt ?></strong></p>
<p class="small"><?cs var:L.checkin.immutable ?></p>
<p><a href="<?cs var:Site.Prefix ?><?cs if:Proxy.Action == "for" ?>/checkin/fillers<?cs elif:Proxy.Person ?>/dashboard<?cs else ?>/checkin<?cs /if ?>"><?cs var:L.checkin.back ?></a></p>
</section>
<?cs include:"footer.cs" ?>
