<?cs include:"macros.cs" ?>
<?cs set:Page.Title = L.app.logout ?>
<?cs include:"header.cs" ?>
<section class="panel narrow">
<h1><?cs var:L.app.logout ?></h1>
<form method="post" action="<?cs var:Site.Prefix ?>/logout">
  <?cs call:csrf_field() ?>
  <button type="submit" class="primary"><?cs var:L.app.logout ?></button>
</form>
</section>
<?cs include:"footer.cs" ?>
