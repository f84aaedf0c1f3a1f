<?cs include:"macros.cs" ?>
<?cs set:Page.Title = L.password.title ?>
<?cs include:"header.cs" ?>
<section class="panel narrow">
  <h1><?cs var:L.password.title ?></h1>
  <?cs if:Password.Required ?><p class="message bad" role="alert" id="password-required"><?cs var:L.password.required ?></p><?cs /if ?>
  <?cs if:Query.done ?><p class="message" role="status" id="password-done"><?cs var:L.password.done ?> <a href="<?cs var:Site.Prefix ?>/"><?cs var:L.home.title ?></a></p><?cs /if ?>
  <form method="post" action="<?cs var:Site.Prefix ?>/password" id="password-form">
    <?cs call:csrf_field() ?>
    <?cs call:password_fields() ?>
    <p class="small"><?cs var:L.password.rule ?></p>
    <button type="submit" class="primary"><?cs var:L.password.submit ?></button>
  </form>
</section>
<?cs include:"footer.cs" ?>
