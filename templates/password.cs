<?cs include:"macros.cs" ?>
<?cs set:Page.Title = L.password.title ?>
<?cs include:"header.cs" ?>
<section class="panel narrow">
  <h1><?cs var:L.password.title ?></h1>
  <?cs if:Password.Required ?><p class="message bad" role="alert" id="password-required"><?cs var:L.password.required ?></p><?cs /if ?>
  <?cs if:Query.done ?><p class="message" role="status" id="password-done"><?cs var:L.password.done ?> <a href="<?cs var:Site.Prefix ?>/"><?cs var:L.home.title ?></a></p><?cs /if ?>
  <form method="post" action="<?cs var:Site.Prefix ?>/password" id="password-form">
    <?cs call:csrf_field() ?>
    <?cs each:f = Form.Field ?>
    <div class="field<?cs if:Form.Error[f.Name] ?> bad<?cs /if ?>">
      <label for="f-<?cs var:f.Name ?>"><?cs var:f.Label ?></label>
      <input id="f-<?cs var:f.Name ?>" name="<?cs var:f.Name ?>" type="password" maxlength="128" required autocomplete="<?cs if:f.Name == "old_password" ?>current-password<?cs else ?>new-password<?cs /if ?>">
      <?cs if:Form.Error[f.Name] ?><p class="error-text"><?cs var:Form.Error[f.Name] ?></p><?cs /if ?>
    </div>
    <?cs /each ?>
    <p class="small"><?cs var:L.password.rule ?></p>
    <button type="submit" class="primary"><?cs var:L.password.submit ?></button>
  </form>
</section>
<?cs include:"footer.cs" ?>
