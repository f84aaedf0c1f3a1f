<?cs # Shared template macros. ?>
<?cs def:csrf_field() ?><input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>"><?cs /def ?>

<?cs # Renders every field of Form.Field with the user's value and error. ?>
<?cs def:form_fields() ?>
<?cs each:f = Form.Field ?><?cs if:string.slice(f.Name, 0, 4) != "geo_" ?>
  <div class="field<?cs if:Form.Error[f.Name] ?> bad<?cs /if ?>">
  <?cs if:f.Type == "bool" ?>
    <label><input type="checkbox" name="<?cs var:f.Name ?>" value="1"<?cs if:Form.Value[f.Name] == "1" ?> checked<?cs /if ?>> <?cs var:f.Label ?></label>
  <?cs elif:f.Type == "choice" ?>
    <fieldset><legend><?cs var:f.Label ?></legend>
    <?cs each:c = f.Choice ?>
      <label class="choice"><input type="radio" name="<?cs var:f.Name ?>" value="<?cs var:c.Value ?>"<?cs if:Form.Value[f.Name] == c.Value ?> checked<?cs /if ?>> <?cs var:c.Label ?></label>
    <?cs /each ?>
    </fieldset>
  <?cs else ?>
    <label for="f-<?cs var:f.Name ?>"><?cs var:f.Label ?></label>
    <input id="f-<?cs var:f.Name ?>" name="<?cs var:f.Name ?>"
      type="<?cs if:f.Type == "password" ?>password<?cs elif:f.Type == "date" ?>date<?cs elif:f.Type == "int" || f.Type == "decimal" ?>text" inputmode="decimal<?cs else ?>text<?cs /if ?>"
      <?cs if:f.MaxLength > 0 ?>maxlength="<?cs var:f.MaxLength ?>"<?cs /if ?>
      <?cs if:f.Type == "password" ?>autocomplete="current-password"<?cs elif:f.Name == "login" ?>autocomplete="username"<?cs /if ?>
      <?cs if:f.Required ?>required<?cs /if ?>
      value="<?cs var:Form.Value[f.Name] ?>">
  <?cs /if ?>
  <?cs if:Form.Error[f.Name] ?><p class="error-text"><?cs var:Form.Error[f.Name] ?></p><?cs /if ?>
  </div>
<?cs /if ?><?cs /each ?>
<?cs /def ?>

<?cs # The daily form's optional questions (issue 21: /policy/questions),
     Checkin.Q in order, each named q<id>, with the value given and its
     message. ?>
<?cs def:question_fields() ?>
<?cs each:q = Checkin.Q ?>
  <div class="field question<?cs if:Form.Error[q.Name] ?> bad<?cs /if ?>" id="field-<?cs var:q.Name ?>" data-kind="<?cs var:q.Kind ?>">
  <?cs if:q.Kind == "yesno" || q.Kind == "choice" ?>
    <fieldset><legend><?cs var:q.Label ?><?cs if:q.Required != "1" ?> <span class="small">(<?cs var:L.question.optional ?>)</span><?cs /if ?></legend>
    <?cs if:q.Kind == "yesno" ?>
      <label class="choice"><input type="radio" name="<?cs var:q.Name ?>" value="1"<?cs if:Form.Value[q.Name] == "1" ?> checked<?cs /if ?>> <?cs var:L.question.yes ?></label>
      <label class="choice"><input type="radio" name="<?cs var:q.Name ?>" value="0"<?cs if:Form.Value[q.Name] == "0" ?> checked<?cs /if ?>> <?cs var:L.question.no ?></label>
    <?cs else ?><?cs each:o = q.Opt ?>
      <label class="choice"><input type="radio" name="<?cs var:q.Name ?>" value="<?cs var:o.Value ?>"<?cs if:Form.Value[q.Name] == o.Value ?> checked<?cs /if ?>> <?cs var:o.Label ?></label>
    <?cs /each ?><?cs /if ?>
    </fieldset>
  <?cs else ?>
    <label for="f-<?cs var:q.Name ?>"><?cs var:q.Label ?><?cs if:q.Required != "1" ?> <span class="small">(<?cs var:L.question.optional ?>)</span><?cs /if ?></label>
    <input id="f-<?cs var:q.Name ?>" name="<?cs var:q.Name ?>" type="text"<?cs if:q.Kind == "number" ?> inputmode="decimal" maxlength="12"<?cs else ?> maxlength="100"<?cs /if ?><?cs if:q.Required == "1" ?> required<?cs /if ?> value="<?cs var:Form.Value[q.Name] ?>">
  <?cs /if ?>
  <?cs if:Form.Error[q.Name] ?><p class="error-text" id="err-<?cs var:q.Name ?>"><?cs var:Form.Error[q.Name] ?></p><?cs /if ?>
  </div>
<?cs /each ?>
<?cs /def ?>

<?cs # A report's answers to the optional questions (<dt>/<dd> pairs), a
     retired question's marked. ?>
<?cs def:answer_facts(list) ?><?cs each:a = list ?>
  <dt class="answer-q"><?cs var:a.Label ?><?cs if:a.Retired == "1" ?> <span class="tag">(<?cs var:L.question.retired ?>)</span><?cs /if ?></dt>
  <dd class="answer"><?cs if:a.Kind == "yesno" ?><?cs if:a.Answer == "1" ?><?cs var:L.question.yes ?><?cs else ?><?cs var:L.question.no ?><?cs /if ?><?cs else ?><?cs var:a.Text ?><?cs /if ?></dd>
<?cs /each ?><?cs /def ?>

<?cs # The position at check-in (issue 16): asked of the browser only when
     the student presses the button (htdocs/geo.js), never required; the
     page works the same without it and without JavaScript. ?>
<?cs def:position_field() ?>
<fieldset class="field geo<?cs if:Form.Error.geo_lat || Form.Error.geo_lon || Form.Error.geo_accuracy ?> bad<?cs /if ?>" id="geo">
  <legend><?cs var:L.geo.legend ?></legend>
  <p class="small"><?cs var:L.geo.why ?></p>
  <input type="hidden" name="geo_lat" id="geo-lat" value="<?cs var:Form.Value.geo_lat ?>">
  <input type="hidden" name="geo_lon" id="geo-lon" value="<?cs var:Form.Value.geo_lon ?>">
  <input type="hidden" name="geo_accuracy" id="geo-acc" value="<?cs var:Form.Value.geo_accuracy ?>">
  <button type="button" id="geo-ask" hidden data-asking="<?cs var:L.geo.asking ?>"
    data-got="<?cs var:L.geo.got ?>" data-denied="<?cs var:L.geo.denied ?>"><?cs var:L.geo.ask ?></button>
  <p class="small" id="geo-state" role="status"><?cs if:Form.Value.geo_lat ?><?cs var:L.geo.given ?><?cs /if ?></p>
  <?cs each:e = Form.Error ?><?cs if:string.slice(name(e), 0, 4) == "geo_" ?><p class="error-text"><?cs var:e ?></p><?cs /if ?><?cs /each ?>
</fieldset>
<?cs /def ?>

<?cs # The student's check-in tabs. ?>
<?cs def:checkin_nav(current) ?>
<nav class="tabs" aria-label="<?cs var:L.app.checkin_nav ?>">
  <a href="<?cs var:Site.Prefix ?>/card"<?cs if:current == "card" ?> aria-current="page"<?cs /if ?>><?cs var:L.home.my_card ?></a>
  <a href="<?cs var:Site.Prefix ?>/checkin"<?cs if:current == "report" ?> aria-current="page"<?cs /if ?>><?cs var:L.checkin.title ?></a>
  <a href="<?cs var:Site.Prefix ?>/checkin/calendar"<?cs if:current == "calendar" ?> aria-current="page"<?cs /if ?>><?cs var:L.calendar.title ?></a>
  <a href="<?cs var:Site.Prefix ?>/makeup"<?cs if:current == "makeup" ?> aria-current="page"<?cs /if ?>><?cs var:L.makeup.tab ?></a>
  <a href="<?cs var:Site.Prefix ?>/rounds"<?cs if:current == "rounds" ?> aria-current="page"<?cs /if ?>><?cs var:L.home.rounds ?></a>
  <a href="<?cs var:Site.Prefix ?>/checkin/fillers"<?cs if:current == "fillers" ?> aria-current="page"<?cs /if ?>><?cs var:L.fillers.tab ?></a>
  <?cs if:Who.Is.Student ?><a href="<?cs var:Site.Prefix ?>/return"<?cs if:current == "return" ?> aria-current="page"<?cs /if ?>><?cs var:L.return.tab ?></a><?cs /if ?>
</nav>
<?cs /def ?>

<?cs # The student's basic info, read-only. ?>
<?cs def:basic_info() ?>
<?cs if:Basic.phone ?>
<details class="panel">
  <summary><?cs var:L.checkin.basic_title ?></summary>
  <dl class="facts">
    <dt><?cs var:L.form.basic.phone ?></dt><dd><?cs var:Basic.phone ?></dd>
    <dt><?cs var:L.form.basic.home_address ?></dt><dd><?cs var:Basic.home_address ?></dd>
    <dt><?cs var:L.form.basic.emergency_contact ?></dt><dd><?cs var:Basic.emergency_contact ?> · <?cs var:Basic.emergency_phone ?></dd>
    <dt><?cs var:L.form.basic.boarding ?></dt><dd><?cs if:Basic.boarding == "1" ?><?cs var:L.form.basic.boarding.1 ?><?cs else ?><?cs var:L.form.basic.boarding.0 ?><?cs /if ?> <?cs var:Basic.dorm ?></dd>
  </dl>
  <p class="small"><?cs var:L.checkin.basic_readonly ?></p>
</details>
<?cs /if ?>
<?cs /def ?>

<?cs # An anomaly's flags ("fever,risk_area" as stored) in the page's words. ?>
<?cs def:flag_words(flags) ?><?cs each:k = L.checkin.flag ?><?cs if:string.find(flags, name(k)) != -1 ?><span class="flag"><?cs var:k ?></span> <?cs /if ?><?cs /each ?><?cs /def ?>
<?cs # Another day's report sent back (退回): every check-in page leads to its form. ?>
<?cs def:sent_back_notice() ?><?cs if:Checkin.SentBack.day ?>
<p class="message bad" id="sent-back-other"><?cs var:L.checkin.sent_back_other ?>
  <a href="<?cs var:Site.Prefix ?>/checkin?day=<?cs var:Checkin.SentBack.day ?>"><?cs var:Checkin.SentBack.day ?> <?cs var:L.card.next.refill ?></a></p>
<?cs /if ?><?cs /def ?>
<?cs # Why nothing is asked of an exempt person (lib/domain/exempt.h): Card.Exempt. ?>
<?cs def:exempt_words(ex) ?><?cs var:L.exempt.none_asked ?> <?cs if:ex.Kind == "status" ?><?cs var:L.person.status[ex.Status] ?><?cs elif:ex.Kind == "class" ?><?cs var:L.exempt.kind.class ?> <?cs var:ex.Class ?><?cs else ?><?cs var:L.exempt.kind.person ?><?cs /if ?>: <?cs var:ex.Reason ?> (<?cs var:ex.From ?> – <?cs alt:ex.Until ?><?cs var:L.exempt.open ?><?cs /alt ?>)<?cs /def ?>

<?cs # A text field of a form declared by hand: its label, the user's value and its error (required: 1 or 0). ?>
<?cs def:text_field(name, max, required, label) ?>
    <div class="field<?cs if:Form.Error[name] ?> bad<?cs /if ?>">
      <label for="f-<?cs var:name ?>"><?cs var:label ?></label>
      <input id="f-<?cs var:name ?>" name="<?cs var:name ?>" type="text" maxlength="<?cs var:max ?>"<?cs if:required ?> required<?cs /if ?> value="<?cs var:Form.Value[name] ?>">
      <?cs if:Form.Error[name] ?><p class="error-text"><?cs var:Form.Error[name] ?></p><?cs /if ?>
    </div>
<?cs /def ?>

<?cs # Every field of Form.Field as a password (/password, /password/reset). ?>
<?cs def:password_fields() ?>
    <?cs each:f = Form.Field ?>
    <div class="field<?cs if:Form.Error[f.Name] ?> bad<?cs /if ?>">
      <label for="f-<?cs var:f.Name ?>"><?cs var:f.Label ?></label>
      <input id="f-<?cs var:f.Name ?>" name="<?cs var:f.Name ?>" type="password" maxlength="128" required autocomplete="<?cs if:f.Name == "old_password" ?>current-password<?cs else ?>new-password<?cs /if ?>">
      <?cs if:Form.Error[f.Name] ?><p class="error-text"><?cs var:Form.Error[f.Name] ?></p><?cs /if ?>
    </div>
    <?cs /each ?>
<?cs /def ?>

<?cs # Why the card is its colour (Card.Reason), and an exemption first (/card, /person). ?>
<?cs def:card_reasons() ?>
  <ul class="reasons">
  <?cs if:Card.Exempt.Kind ?><li class="why-exempt" id="exempt"><?cs call:exempt_words(Card.Exempt) ?></li><?cs /if ?>
  <?cs each:why = Card.Reason ?>
    <li class="why-<?cs var:why.Code ?>"><?cs var:why.Text ?>
      <?cs if:why.Detail ?><blockquote><?cs var:why.Detail ?></blockquote><?cs /if ?>
      <?cs if:subcount(why.Item) > 0 ?><ul><?cs each:it = why.Item ?><li><?cs var:it ?></li><?cs /each ?></ul><?cs /if ?>
    </li>
  <?cs /each ?>
  </ul>
<?cs /def ?>

<?cs # A list's pager: path?k1=v1[&k2=v2]&page=N (k2 "": none), the pages before and after (either may be 0), anchor ("#list" or ""). ?>
<?cs def:pager(path, k1, v1, k2, v2, prev, next, anchor) ?>
  <p class="pager">
  <?cs if:?prev ?><a href="<?cs var:Site.Prefix ?><?cs var:path ?>?<?cs var:k1 ?>=<?cs var:v1 ?><?cs if:k2 ?>&amp;<?cs var:k2 ?>=<?cs var:v2 ?><?cs /if ?>&amp;page=<?cs var:prev ?><?cs var:anchor ?>">&larr; <?cs var:L.dashboard.prev ?></a><?cs /if ?>
  <?cs if:next ?><a href="<?cs var:Site.Prefix ?><?cs var:path ?>?<?cs var:k1 ?>=<?cs var:v1 ?><?cs if:k2 ?>&amp;<?cs var:k2 ?>=<?cs var:v2 ?><?cs /if ?>&amp;page=<?cs var:next ?><?cs var:anchor ?>"><?cs var:L.dashboard.next ?> &rarr;</a><?cs /if ?>
  </p>
<?cs /def ?>

<?cs # 待办 notices, the latest `max` of list (notice_list_load()). ?>
<?cs def:notice_list(list, max) ?><?cs if:subcount(list.Row) == 0 ?><p id="notices-empty"><?cs var:L.notices.empty ?></p><?cs else ?>
<ul class="notices" id="notices"><?cs each:n = list.Row ?><?cs if:name(n) < max ?>
  <li id="notice-<?cs var:n.id ?>"<?cs if:n.unread == "1" ?> class="unread"<?cs /if ?>><span class="small"><?cs var:n.at ?></span>
  <?cs var:L.notices.new_item ?> <?cs var:L.review.kinds[n.kind] ?>: <?cs var:n.name ?> <span class="small"><?cs var:n.number ?></span>
  <?cs if:n.open == "1" ?><a href="<?cs var:Site.Prefix ?>/review/item?id=<?cs var:n.item ?>"><?cs var:L.notices.open_item ?></a><?cs else ?><span class="small"><?cs var:L.notices.done ?></span><?cs /if ?><?cs if:n.unread == "1" ?> <span class="tag"><?cs var:L.notices.unread ?></span><?cs /if ?></li>
<?cs /if ?><?cs /each ?></ul><?cs /if ?><?cs /def ?>
