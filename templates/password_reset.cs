<?cs include:"macros.cs" ?>
<?cs set:Page.Title = L.password.reset_title ?>
<?cs include:"header.cs" ?>
<section class="panel narrow">
  <h1><?cs var:L.password.reset_title ?></h1>
  <?cs if:Reset.Gone ?>
  <p class="message bad" role="alert" id="reset-gone"><?cs var:L.password.reset_gone ?></p>
  <p><a href="<?cs var:Site.Prefix ?>/login"><?cs var:L.login.title ?></a></p>
  <?cs else ?>
  <form method="post" action="<?cs var:Site.Prefix ?>/password/reset/<?cs var:Reset.Token ?>" id="reset-form">
    <?cs call:csrf_field() ?>
    <?cs call:password_fields() ?>
    <p class="small"><?cs var:L.password.rule ?></p>
    <button type="submit" class="primary"><?cs var:L.password.submit ?></button>
  </form>
  <?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
