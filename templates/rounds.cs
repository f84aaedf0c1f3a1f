<?cs include:"macros.cs" ?>
<?cs set:Page.Title = L.rounds.title ?>
<?cs include:"header.cs" ?>
<?cs if:Who.Is.Student ?><?cs call:checkin_nav("rounds") ?><?cs /if ?>
<section class="panel">
<h1><?cs var:L.rounds.title ?></h1>
<p class="small"><?cs var:L.rounds.intro ?></p>
<?cs if:Query.done ?><p class="message" role="status" id="round-done"><?cs var:L.rounds.done ?><?cs if:Query.abnormal ?> <?cs var:L.rounds.abnormal ?><?cs /if ?></p><?cs /if ?>
<?cs if:Query.saved ?><p class="message" role="status" id="rounds-saved"><?cs var:L.rounds.saved ?></p><?cs /if ?>
<?cs if:Rounds.Refused ?><p class="message bad" role="alert" id="round-refused"><?cs var:Rounds.Refused ?><?cs if:Rounds.RefusedCode == 2 ?> <a href="<?cs var:Site.Prefix ?>/checkin"><?cs var:L.card.today_go ?></a><?cs /if ?></p><?cs /if ?>
<?cs if:!Rounds.Conf.noon.Enabled && !Rounds.Conf.evening.Enabled ?><p id="rounds-off"><?cs var:L.rounds.none_on ?></p><?cs /if ?>
</section>

<?cs if:Who.Is.Student || Who.Is.Staff ?>
<?cs each:rc = Rounds.Conf ?><?cs if:rc.Enabled ?>
<section class="panel round" id="round-<?cs name:rc ?>" aria-labelledby="round-<?cs name:rc ?>-h">
  <h2 id="round-<?cs name:rc ?>-h"><?cs var:L.rounds.name[name(rc)] ?> <span class="small"><?cs var:rc.Opens ?> – <?cs var:rc.Closes ?></span></h2>
  <?cs if:Rounds.Mine[name(rc)].temperature ?>
  <p class="today-done"><?cs var:L.rounds.reported ?> <?cs var:Rounds.Mine[name(rc)].at ?> · <?cs var:Rounds.Mine[name(rc)].temperature ?> °C<?cs if:Rounds.Mine[name(rc)].anomaly == "1" ?> · <span class="tag bad"><?cs var:L.rounds.abnormal_tag ?></span><?cs /if ?></p>
  <?cs elif:rc.Open ?>
  <form method="post" action="<?cs var:Site.Prefix ?>/rounds/submit">
    <?cs call:csrf_field() ?>
    <input type="hidden" name="round" value="<?cs name:rc ?>">
    <div class="field<?cs if:Form.Error.temperature && Form.Value.round == name(rc) ?> bad<?cs /if ?>">
      <label for="t-<?cs name:rc ?>"><?cs var:L.form.report.temperature ?></label>
      <input id="t-<?cs name:rc ?>" name="temperature" type="text" inputmode="decimal" maxlength="5" required
        value="<?cs if:Form.Value.round == name(rc) ?><?cs var:Form.Value.temperature ?><?cs /if ?>">
      <?cs if:Form.Error.temperature && Form.Value.round == name(rc) ?><p class="error-text"><?cs var:Form.Error.temperature ?></p><?cs /if ?>
    </div>
    <fieldset class="field"><legend><?cs var:L.rounds.symptoms ?></legend>
      <label class="choice"><input type="checkbox" name="sym_fever" value="1"> <?cs var:L.form.report.sym_fever ?></label>
      <label class="choice"><input type="checkbox" name="sym_cough" value="1"> <?cs var:L.form.report.sym_cough ?></label>
      <label class="choice"><input type="checkbox" name="sym_diarrhoea" value="1"> <?cs var:L.form.report.sym_diarrhoea ?></label>
    </fieldset>
    <button type="submit" class="primary"><?cs var:L.rounds.submit ?></button>
  </form>
  <?cs else ?><p class="small"><?cs var:L.rounds.closed_now ?></p><?cs /if ?>
</section>
<?cs /if ?><?cs /each ?>
<?cs /if ?>

<?cs if:Who.Is.Counselor || Who.Is.Reviewer || Who.Is.Admin ?>
<?cs each:sc = Rounds.Scope ?>
<section class="panel" id="missing-<?cs name:sc ?>" aria-labelledby="missing-<?cs name:sc ?>-h">
  <h2 id="missing-<?cs name:sc ?>-h"><?cs var:L.rounds.name[name(sc)] ?>: <?cs var:L.rounds.missing ?> <strong class="count"><?cs var:sc.Count ?></strong></h2>
  <?cs if:subcount(sc.Missing) > 0 ?><ul class="people"><?cs each:p = sc.Missing ?>
    <li><a href="<?cs var:Site.Prefix ?>/person?id=<?cs var:p.id ?>"><?cs var:p.name ?></a> <span class="small"><?cs var:p.number ?></span></li>
  <?cs /each ?></ul><?cs if:sc.Count > subcount(sc.Missing) ?><p class="small"><?cs var:L.rounds.more ?></p><?cs /if ?><?cs /if ?>
</section>
<?cs /each ?>
<?cs /if ?>

<?cs if:Who.Is.Admin ?>
<section class="panel" aria-labelledby="rounds-settings-h">
<h2 id="rounds-settings-h"><?cs var:L.rounds.settings ?></h2>
<?cs if:Form.Errors && !Form.Value.round ?><p class="message bad" role="alert"><?cs var:L.notices.fix ?></p><?cs /if ?>
<form method="post" action="<?cs var:Site.Prefix ?>/rounds/settings" id="rounds-settings">
  <?cs call:csrf_field() ?>
  <?cs each:rc = Rounds.Conf ?>
  <fieldset class="field"><legend><?cs var:L.rounds.name[name(rc)] ?></legend>
    <label class="choice"><input type="checkbox" name="<?cs name:rc ?>_enabled" value="1"<?cs if:Form.Value[name(rc) + "_enabled"] == "1" ?> checked<?cs /if ?>> <?cs var:L.rounds.enabled ?></label>
    <div class="field<?cs if:Form.Error[name(rc) + "_opens"] ?> bad<?cs /if ?>"><label for="<?cs name:rc ?>-opens"><?cs var:L.rounds.opens ?></label>
      <input id="<?cs name:rc ?>-opens" type="time" name="<?cs name:rc ?>_opens" required value="<?cs var:Form.Value[name(rc) + "_opens"] ?>">
      <?cs if:Form.Error[name(rc) + "_opens"] ?><p class="error-text"><?cs var:Form.Error[name(rc) + "_opens"] ?></p><?cs /if ?></div>
    <div class="field<?cs if:Form.Error[name(rc) + "_closes"] ?> bad<?cs /if ?>"><label for="<?cs name:rc ?>-closes"><?cs var:L.rounds.closes ?></label>
      <input id="<?cs name:rc ?>-closes" type="time" name="<?cs name:rc ?>_closes" required value="<?cs var:Form.Value[name(rc) + "_closes"] ?>">
      <?cs if:Form.Error[name(rc) + "_closes"] ?><p class="error-text"><?cs var:Form.Error[name(rc) + "_closes"] ?></p><?cs /if ?></div>
  </fieldset>
  <?cs /each ?>
  <button type="submit"><?cs var:L.notices.save ?></button>
</form>
</section>
<?cs /if ?>
<?cs include:"footer.cs" ?>
