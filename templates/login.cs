<?cs include:"macros.cs" ?>
<?cs set:Page.Title = L.login.title ?>
<?cs include:"header.cs" ?>
<section class="panel narrow">
<h1><?cs var:L.login.title ?></h1>
<?cs if:Query.reset ?><p class="message" role="status" id="reset-done"><?cs var:L.login.reset_done ?></p><?cs /if ?>
<?cs if:Login.Remote ?>
  <?cs if:Login.NotRegistered ?>
  <p class="message bad"><?cs var:L.login.not_registered ?> (<?cs var:Login.NotRegistered ?>)</p>
  <?cs else ?>
  <p class="message"><?cs var:L.login.use_sso ?></p>
  <?cs /if ?>
<?cs else ?>
  <?cs if:Form.Message ?><p class="message bad" role="alert"><?cs var:Form.Message ?></p>
  <?cs elif:Query.expired == "1" ?><p class="message" role="status" id="login-expired"><?cs var:L.login.expired ?></p><?cs /if ?>
  <form method="post" action="<?cs var:Site.Prefix ?>/login">
    <?cs call:csrf_field() ?>
    <input type="hidden" name="next" value="<?cs var:Login.Next ?>">
    <?cs call:form_fields() ?>
    <button type="submit" class="primary"><?cs var:L.login.submit ?></button>
  </form>
<?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
