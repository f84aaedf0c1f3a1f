<?cs include:"macros.cs" ?>
<?cs if:Edit.Id ?><?cs set:Page.Title = L.people.edit_title ?><?cs else ?><?cs set:Page.Title = L.people.new ?><?cs /if ?>
<?cs include:"header.cs" ?>
<section class="panel">
  <h1><?cs if:Edit.Id ?><?cs var:L.people.edit_title ?>: <?cs var:Person.name ?> <?cs var:Person.number ?><?cs else ?><?cs var:L.people.new ?><?cs /if ?></h1>
  <?cs if:Edit.Id && Who.Is.Admin ?><p><a href="<?cs var:Site.Prefix ?>/person?id=<?cs var:Edit.Id ?>" id="record-link"><?cs var:L.person.open_record ?></a></p><?cs /if ?>
  <?cs if:Query.done ?><p class="message" role="status" id="people-done"><?cs var:L.people.done[Query.done] ?></p><?cs /if ?>
  <?cs if:Form.Error.form ?><p class="message bad" role="alert" id="people-error"><?cs var:Form.Error.form ?></p><?cs /if ?>
  <form method="post" action="<?cs var:Site.Prefix ?><?cs if:Edit.Id ?>/people/edit<?cs else ?>/people/new<?cs /if ?>" id="person-form">
    <?cs call:csrf_field() ?>
    <?cs if:Edit.Id ?><input type="hidden" name="id" value="<?cs var:Edit.Id ?>"><?cs /if ?>
    <?cs call:text_field("number", 32, 1, L.form.person.number) ?>
    <?cs call:text_field("name", 64, 1, L.form.person.name) ?>
    <div class="field<?cs if:Form.Error.identity ?> bad<?cs /if ?>">
      <label for="f-identity"><?cs var:L.form.person.identity ?></label>
      <select id="f-identity" name="identity">
        <?cs each:c = L.form.person.identity ?><option value="<?cs name:c ?>"<?cs if:Form.Value.identity == name(c) ?> selected<?cs /if ?>><?cs var:c ?></option><?cs /each ?>
      </select>
      <?cs if:Form.Error.identity ?><p class="error-text"><?cs var:Form.Error.identity ?></p><?cs /if ?>
    </div>
    <div class="field<?cs if:Form.Error.status ?> bad<?cs /if ?>">
      <label for="f-status"><?cs var:L.form.person.status ?></label>
      <select id="f-status" name="status">
        <?cs each:c = L.form.person.status ?><option value="<?cs name:c ?>"<?cs if:Form.Value.status == name(c) ?> selected<?cs /if ?>><?cs var:c ?></option><?cs /each ?>
      </select>
      <?cs if:Form.Error.status ?><p class="error-text"><?cs var:Form.Error.status ?></p><?cs /if ?>
    </div>
    <div class="field<?cs if:Form.Error.college_id ?> bad<?cs /if ?>">
      <label for="f-college_id"><?cs var:L.form.person.college_id ?></label>
      <select id="f-college_id" name="college_id">
        <option value=""><?cs var:L.people.none ?></option>
        <?cs each:c = Choose.College ?><option value="<?cs var:c.id ?>"<?cs if:Form.Value.college_id == c.id ?> selected<?cs /if ?>><?cs var:c.code ?> <?cs var:c.name ?></option><?cs /each ?>
      </select>
      <?cs if:Form.Error.college_id ?><p class="error-text"><?cs var:Form.Error.college_id ?></p><?cs /if ?>
    </div>
    <div class="field<?cs if:Form.Error.class_id ?> bad<?cs /if ?>">
      <label for="f-class_id"><?cs var:L.form.person.class_id ?></label>
      <select id="f-class_id" name="class_id">
        <option value=""><?cs var:L.people.none ?></option>
        <?cs each:c = Choose.Class ?><option value="<?cs var:c.id ?>"<?cs if:Form.Value.class_id == c.id ?> selected<?cs /if ?>><?cs var:c.code ?> <?cs var:c.name ?></option><?cs /each ?>
      </select>
      <?cs if:Form.Error.class_id ?><p class="error-text"><?cs var:Form.Error.class_id ?></p><?cs /if ?>
    </div>
    <div class="field<?cs if:Form.Error.counselor_id ?> bad<?cs /if ?>">
      <label for="f-counselor_id"><?cs var:L.form.person.counselor_id ?></label>
      <select id="f-counselor_id" name="counselor_id">
        <option value=""><?cs var:L.people.none ?></option>
        <?cs each:c = Choose.Counselor ?><option value="<?cs var:c.id ?>"<?cs if:Form.Value.counselor_id == c.id ?> selected<?cs /if ?>><?cs var:c.number ?> <?cs var:c.name ?></option><?cs /each ?>
      </select>
      <?cs if:Form.Error.counselor_id ?><p class="error-text"><?cs var:Form.Error.counselor_id ?></p><?cs /if ?>
    </div>
    <?cs call:text_field("phone", 32, 0, L.form.person.phone) ?>
    <div class="field">
      <label><input type="checkbox" name="boarding" value="1"<?cs if:Form.Value.boarding == "1" ?> checked<?cs /if ?>> <?cs var:L.form.person.boarding ?></label>
    </div>
    <button type="submit" class="primary"><?cs var:L.people.save ?></button>
  </form>
  <p><a href="<?cs var:Site.Prefix ?>/people"><?cs var:L.people.back ?></a></p>
</section>
<?cs if:Edit.Id ?>
<?cs if:PersonPhone.phone ?>
<section class="panel" id="phone">
  <h2><?cs var:L.form.person.phone ?></h2>
  <?cs if:PersonPhone.confirmed ?><p id="phone-confirmed"><?cs var:PersonPhone.phone ?>: <?cs var:L.people.phone_confirmed ?> (<?cs var:PersonPhone.confirmed_at ?>)</p>
  <?cs else ?><p id="phone-unconfirmed"><?cs var:PersonPhone.phone ?>: <?cs var:L.people.phone_unconfirmed ?></p>
  <form method="post" action="<?cs var:Site.Prefix ?>/people/phone"><?cs call:csrf_field() ?><input type="hidden" name="id" value="<?cs var:Edit.Id ?>"><button type="submit"><?cs var:L.people.phone_confirm ?></button></form>
  <?cs /if ?>
</section>
<?cs /if ?>
<section class="panel" id="account">
  <h2><?cs var:L.people.account ?></h2>
  <?cs if:Person.login ?>
  <dl class="facts">
    <dt><?cs var:L.form.account.login ?></dt><dd id="account-login"><?cs var:Person.login ?></dd>
    <dt><?cs var:L.people.state ?></dt><dd id="account-state"><?cs if:Person.disabled == "1" ?><?cs var:L.people.disabled ?><?cs else ?><?cs var:L.people.enabled ?><?cs /if ?><?cs if:Person.must_change_pw == "1" ?> · <?cs var:L.people.must_change ?><?cs /if ?><?cs if:Person.failures > 0 ?> · <?cs var:L.people.failures ?> <?cs var:Person.failures ?><?cs /if ?></dd>
  </dl>
  <div class="actions">
  <?cs if:Person.disabled == "1" ?>
  <form method="post" action="<?cs var:Site.Prefix ?>/people/enable" class="inline"><?cs call:csrf_field() ?><input type="hidden" name="id" value="<?cs var:Edit.Id ?>"><button type="submit"><?cs var:L.people.enable ?></button></form>
  <?cs else ?>
  <form method="post" action="<?cs var:Site.Prefix ?>/people/disable" class="inline"><?cs call:csrf_field() ?><input type="hidden" name="id" value="<?cs var:Edit.Id ?>"><button type="submit"><?cs var:L.people.disable ?></button></form>
  <?cs /if ?>
  <form method="post" action="<?cs var:Site.Prefix ?>/people/unlock" class="inline"><?cs call:csrf_field() ?><input type="hidden" name="id" value="<?cs var:Edit.Id ?>"><button type="submit"><?cs var:L.people.unlock ?></button></form>
  <form method="post" action="<?cs var:Site.Prefix ?>/people/reset" class="inline"><?cs call:csrf_field() ?><input type="hidden" name="id" value="<?cs var:Edit.Id ?>"><button type="submit"><?cs var:L.people.reset ?></button></form>
  </div>
  <?cs else ?>
  <p><?cs var:L.people.no_account ?></p>
  <form method="post" action="<?cs var:Site.Prefix ?>/people/account" id="account-form">
    <?cs call:csrf_field() ?>
    <input type="hidden" name="id" value="<?cs var:Edit.Id ?>">
    <div class="field<?cs if:Form.Error.login ?> bad<?cs /if ?>">
      <label for="f-login"><?cs var:L.form.account.login ?></label>
      <input id="f-login" name="login" type="text" maxlength="64" required autocomplete="off" value="<?cs if:Edit.AccountBad ?><?cs var:Form.Value.login ?><?cs else ?><?cs var:Person.number ?><?cs /if ?>">
      <?cs if:Form.Error.login ?><p class="error-text"><?cs var:Form.Error.login ?></p><?cs /if ?>
    </div>
    <div class="field<?cs if:Form.Error.password ?> bad<?cs /if ?>">
      <label for="f-password"><?cs var:L.form.account.password ?></label>
      <input id="f-password" name="password" type="password" maxlength="128" required autocomplete="new-password">
      <?cs if:Form.Error.password ?><p class="error-text"><?cs var:Form.Error.password ?></p><?cs /if ?>
    </div>
    <p class="small"><?cs var:L.people.account_note ?></p>
    <button type="submit"><?cs var:L.people.account_create ?></button>
  </form>
  <?cs /if ?>
</section>
<section class="panel" id="roles">
  <h2><?cs var:L.people.roles ?></h2>
  <?cs if:Form.Error.role ?><p class="message bad" role="alert" id="role-error"><?cs var:Form.Error.role ?></p><?cs /if ?>
  <ul class="plain">
  <?cs each:g = Person.Role ?>
    <li class="role-<?cs var:g.role ?>"><?cs var:L.form.role.role[g.role] ?><?cs if:g.college ?> (<?cs var:g.college ?>)<?cs /if ?>
      <form method="post" action="<?cs var:Site.Prefix ?>/people/revoke" class="inline"><?cs call:csrf_field() ?><input type="hidden" name="id" value="<?cs var:Edit.Id ?>"><input type="hidden" name="role" value="<?cs var:g.role ?>"><button type="submit" class="link"><?cs var:L.people.revoke ?><span class="vh"> <?cs var:L.form.role.role[g.role] ?></span></button></form></li>
  <?cs /each ?>
  </ul>
  <form method="post" action="<?cs var:Site.Prefix ?>/people/grant" id="grant-form">
    <?cs call:csrf_field() ?>
    <input type="hidden" name="id" value="<?cs var:Edit.Id ?>">
    <div class="field">
      <label for="f-role"><?cs var:L.form.role.role ?></label>
      <select id="f-role" name="role">
        <?cs each:c = L.form.role.role ?><?cs if:Edit.School || name(c) == "counselor" || name(c) == "reviewer" || name(c) == "dept_head" ?><option value="<?cs name:c ?>"><?cs var:c ?></option><?cs /if ?><?cs /each ?>
      </select>
    </div>
    <div class="field<?cs if:Form.Error.org_id ?> bad<?cs /if ?>">
      <label for="f-org_id"><?cs var:L.form.role.org_id ?></label>
      <select id="f-org_id" name="org_id">
        <option value=""><?cs var:L.people.none ?></option>
        <?cs each:c = Choose.College ?><option value="<?cs var:c.id ?>"><?cs var:c.code ?> <?cs var:c.name ?></option><?cs /each ?>
      </select>
      <?cs if:Form.Error.org_id ?><p class="error-text"><?cs var:Form.Error.org_id ?></p><?cs /if ?>
    </div>
    <button type="submit"><?cs var:L.people.grant ?></button>
  </form>
</section>
<?cs each:g = Person.Role ?><?cs if:g.role == "counselor" ?><?cs set:Edit.IsCounselor = 1 ?><?cs /if ?><?cs /each ?>
<?cs if:Edit.IsCounselor || Form.Error.give_class ?>
<section class="panel" id="classes">
  <h2><?cs var:L.people.classes ?></h2>
  <p class="small"><?cs var:L.people.classes_note ?></p>
  <?cs if:Form.Error.give_class ?><p class="message bad" role="alert" id="class-error"><?cs var:Form.Error.give_class ?></p><?cs /if ?>
  <ul class="plain">
  <?cs each:k = Person.Class ?>
    <li class="class-given"><?cs var:k.code ?> <?cs var:k.name ?> (<?cs var:k.students ?> <?cs var:L.people.students ?>, <?cs var:k.since ?>)
      <form method="post" action="<?cs var:Site.Prefix ?>/people/unclass" class="inline"><?cs call:csrf_field() ?><input type="hidden" name="id" value="<?cs var:Edit.Id ?>"><input type="hidden" name="give_class" value="<?cs var:k.id ?>"><button type="submit" class="link"><?cs var:L.people.class_take ?><span class="vh"> <?cs var:k.name ?></span></button></form></li>
  <?cs /each ?>
  </ul>
  <form method="post" action="<?cs var:Site.Prefix ?>/people/class" id="class-form">
    <?cs call:csrf_field() ?>
    <input type="hidden" name="id" value="<?cs var:Edit.Id ?>">
    <div class="field<?cs if:Form.Error.give_class ?> bad<?cs /if ?>">
      <label for="f-give_class"><?cs var:L.people.class_give_label ?></label>
      <select id="f-give_class" name="give_class">
        <?cs each:c = Choose.Class ?><option value="<?cs var:c.id ?>"><?cs var:c.code ?> <?cs var:c.name ?></option><?cs /each ?>
      </select>
    </div>
    <button type="submit"><?cs var:L.people.class_give ?></button>
  </form>
</section>
<?cs /if ?>
<section class="panel">
  <h2><?cs var:L.people.delete ?></h2>
  <p class="small"><?cs var:L.people.delete_note ?></p>
  <form method="post" action="<?cs var:Site.Prefix ?>/people/delete"><?cs call:csrf_field() ?><input type="hidden" name="id" value="<?cs var:Edit.Id ?>"><button type="submit"><?cs var:L.people.delete ?></button></form>
</section>
<?cs /if ?>
<?cs include:"footer.cs" ?>
