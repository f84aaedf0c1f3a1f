<?cs set:Page.Title = Error.Message ?>
<?cs include:"header.cs" ?>
<section class="panel narrow error-page">
<h1><?cs var:Error.Status ?></h1>
<p class="message"><?cs var:Error.Message ?></p>
<?cs if:Error.Field ?><p class="small"><?cs var:L.error.field ?> <code><?cs var:Error.Field ?></code></p><?cs /if ?>
<p class="small"><?cs var:L.error.request_id ?> <code><?cs var:Page.RequestId ?></code></p>
<p><a href="<?cs var:Site.Prefix ?>/"><?cs var:L.error.home ?></a></p>
</section>
<?cs include:"footer.cs" ?>
