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
    <?cs each:f = Form.Field ?>
    <div class="field<?cs if:Form.Error[f.Name] ?> bad<?cs /if ?>">
      <label for="f-<?cs var:f.Name ?>"><?cs var:f.Label ?></label>
      <input id="f-<?cs var:f.Name ?>" name="<?cs var:f.Name ?>" type="password" maxlength="128" required autocomplete="new-password">
      <?cs if:Form.Error[f.Name] ?><p class="error-text"><?cs var:Form.Error[f.Name] ?></p><?cs /if ?>
    </div>
    <?cs /each ?>
    <p class="small"><?cs var:L.password.rule ?></p>
    <button type="submit" class="primary"><?cs var:L.password.submit ?></button>
  </form>
  <?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
