<?cs include:"macros.cs" ?>
<?cs set:Page.Title = L.phone.title ?>
<?cs include:"header.cs" ?>
<section class="panel narrow">
  <h1><?cs var:L.phone.title ?></h1>
  <?cs if:Query.done ?><p class="message" role="status" id="phone-done"><?cs var:L.phone.done ?> <a href="/"><?cs var:L.home.title ?></a></p><?cs /if ?>
  <?cs if:Form.Error.form ?><p class="message bad" role="alert" id="phone-error"><?cs var:Form.Error.form ?></p><?cs /if ?>
  <?cs if:Phone.confirmed ?>
  <p class="message" id="phone-confirmed"><?cs var:L.phone.confirmed ?> <strong><?cs var:Phone.phone ?></strong> (<?cs var:Phone.confirmed_at ?>)</p>
  <?cs else ?>
  <p class="message bad" id="phone-unconfirmed"><?cs var:L.phone.unconfirmed ?><?cs if:Phone.phone ?> <strong><?cs var:Phone.phone ?></strong><?cs /if ?></p>
  <?cs /if ?>
  <?cs if:Phone.gateway ?>
  <form method="post" action="/phone/send" id="phone-send">
    <?cs call:csrf_field() ?>
    <div class="field<?cs if:Form.Error.phone ?> bad<?cs /if ?>">
      <label for="f-phone"><?cs var:L.form.phone.phone ?></label>
      <input id="f-phone" name="phone" type="tel" inputmode="numeric" maxlength="11" required autocomplete="tel" value="<?cs var:Form.Value.phone ?>">
      <?cs if:Form.Error.phone ?><p class="error-text"><?cs var:Form.Error.phone ?></p><?cs /if ?>
    </div>
    <button type="submit"<?cs if:!Phone.pending ?> class="primary"<?cs /if ?>><?cs var:L.phone.send ?></button>
  </form>
  <?cs if:Phone.pending ?>
  <form method="post" action="/phone/confirm" id="phone-confirm">
    <?cs call:csrf_field() ?>
    <p class="small" id="phone-pending"><?cs var:L.phone.pending ?> <?cs var:Phone.pending_phone ?> (<?cs var:L.phone.until ?> <?cs var:Phone.expires_at ?>, <?cs var:L.phone.tries ?> <?cs var:Phone.attempts_left ?>)</p>
    <div class="field<?cs if:Form.Error.code ?> bad<?cs /if ?>">
      <label for="f-code"><?cs var:L.form.phone.code ?></label>
      <input id="f-code" name="code" type="text" inputmode="numeric" maxlength="6" required autocomplete="one-time-code">
      <?cs if:Form.Error.code ?><p class="error-text"><?cs var:Form.Error.code ?></p><?cs /if ?>
    </div>
    <button type="submit" class="primary"><?cs var:L.phone.confirm ?></button>
  </form>
  <?cs elif:Form.Error.code ?><p class="message bad" role="alert" id="code-error"><?cs var:Form.Error.code ?></p>
  <?cs /if ?>
  <?cs elif:!Phone.confirmed ?>
  <p id="phone-by-hand"><?cs var:L.phone.by_hand ?></p>
  <?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
