<?cs include:"macros.cs" ?>
<?cs set:Page.Title = L.return.title ?>
<?cs include:"header.cs" ?>
<?cs call:checkin_nav("return") ?>
<?cs set:st = Return.state ?>
<section class="panel">
<h1><?cs var:L.return.title ?></h1>
<?cs if:Page.Message ?><p class="message bad" role="alert"><?cs var:Page.Message ?></p><?cs /if ?>
<?cs if:!Return.term_id ?>
  <p class="message"><?cs var:L.return.no_term ?></p>
<?cs elif:Return.on_roster != "1" ?>
  <p class="message"><?cs var:L.card.why.not_on_roster ?></p>
<?cs else ?>
  <p class="small"><?cs var:Return.term ?> · <?cs var:Return.batch ?> (<?cs var:Return.return_from ?> – <?cs var:Return.return_until ?>)</p>
  <ol class="steps">
    <li class="<?cs if:Return.quiz_passed_at ?>done<?cs /if ?>"><?cs var:L.return.step.quiz ?></li>
    <li class="<?cs if:Return.pledge_accepted_at ?>done<?cs /if ?>"><?cs var:L.return.step.pledge ?></li>
    <li class="<?cs if:st && st != "draft" && !(st == "sent_back" && Return.sent_back_stage == "first") ?>done<?cs /if ?>"><?cs var:L.return.step.apply ?></li>
    <li class="<?cs if:st == "second_review" || st == "approved" || st == "rejected" ?>done<?cs /if ?>"><?cs var:L.return.step.evidence ?></li>
    <li class="<?cs if:st == "approved" ?>done<?cs /if ?>"><?cs var:L.return.step.approved ?></li>
  </ol>
<?cs /if ?>
</section>

<?cs if:Return.on_roster == "1" ?>
<?cs if:!Return.quiz_passed_at ?>
<section class="panel">
  <h2><?cs var:L.return.notice ?></h2>
  <p><?cs var:ReturnConf.Notice ?></p>
  <form method="post" action="/return/quiz">
    <?cs call:csrf_field() ?>
    <?cs each:q = ReturnConf.Quiz ?>
    <fieldset class="field<?cs if:Return.Wrong[name(q)] ?> bad<?cs /if ?>"><legend><?cs var:q.Question ?></legend>
      <?cs each:o = q.Option ?>
      <label class="choice"><input type="radio" name="q<?cs name:q ?>" value="<?cs name:o ?>"<?cs if:Query["q" + name(q)] == name(o) ?> checked<?cs /if ?>> <?cs var:o ?></label>
      <?cs /each ?>
      <?cs if:Return.Wrong[name(q)] ?><p class="error-text"><?cs var:L.return.wrong_answer ?></p><?cs /if ?>
    </fieldset>
    <?cs /each ?>
    <button type="submit" class="primary"><?cs var:L.return.quiz_submit ?></button>
  </form>
</section>
<?cs elif:!Return.pledge_accepted_at ?>
<section class="panel">
  <h2><?cs var:L.return.pledge ?></h2>
  <p><?cs var:ReturnConf.Pledge ?></p>
  <form method="post" action="/return/pledge">
    <?cs call:csrf_field() ?>
    <div class="field"><label><input type="checkbox" name="accept" value="1"> <?cs var:L.return.pledge_accept ?></label></div>
    <button type="submit" class="primary"><?cs var:L.return.pledge_submit ?></button>
  </form>
</section>
<?cs elif:!st || st == "draft" || (st == "sent_back" && Return.sent_back_stage == "first") ?>
<section class="panel">
  <h2><?cs var:L.return.apply ?></h2>
  <?cs if:st == "sent_back" ?><p class="message bad"><?cs var:L.card.why.sent_back ?> <q><?cs var:Return.sent_back_reason ?></q></p><?cs /if ?>
  <?cs if:!Form.Value.reason && Return.reason ?><?cs set:Form.Value.reason = Return.reason ?><?cs set:Form.Value.itinerary = Return.itinerary ?><?cs /if ?>
  <form method="post" action="/return/apply">
    <?cs call:csrf_field() ?>
    <?cs call:form_fields() ?>
    <button type="submit" class="primary"><?cs var:L.return.apply_submit ?></button>
  </form>
</section>
<?cs elif:st == "first_review" ?>
<section class="panel"><p class="message"><?cs if:Return.identity == "staff" ?><?cs var:L.card.why.first_review_staff ?><?cs else ?><?cs var:L.card.why.first_review ?><?cs /if ?></p>
  <p class="small"><?cs var:L.return.submitted_at ?> <?cs var:Return.submitted_at ?></p></section>
<?cs elif:st == "evidence" || (st == "sent_back" && Return.sent_back_stage == "second") ?>
<section class="panel">
  <?cs if:st == "sent_back" ?><p class="message bad"><?cs var:L.card.why.sent_back ?> <q><?cs var:Return.sent_back_reason ?></q></p><?cs /if ?>
  <p class="message"><?cs var:L.return.window ?> <?cs var:Return.allowed_from ?> – <?cs var:Return.allowed_until ?></p>
  <h2><?cs var:L.return.legs ?></h2>
  <form method="post" action="/return/legs">
    <?cs call:csrf_field() ?>
    <?cs each:leg = LegRow ?>
    <fieldset class="leg"><legend><?cs var:L.return.leg ?> <?cs name:leg ?></legend>
      <label><?cs var:L.return.mode ?>
      <select name="mode_<?cs name:leg ?>"><option value=""></option>
      <?cs each:m = L.return.modes ?><option value="<?cs name:m ?>"<?cs if:leg.mode == name(m) ?> selected<?cs /if ?>><?cs var:m ?></option><?cs /each ?>
      </select></label>
      <label><?cs var:L.return.number ?> <input type="text" name="number_<?cs name:leg ?>" maxlength="32" value="<?cs var:leg.number ?>"></label>
      <label><?cs var:L.return.day ?> <input type="date" name="day_<?cs name:leg ?>" value="<?cs var:leg.day ?>"></label>
      <label><?cs var:L.return.from ?> <input type="text" name="from_<?cs name:leg ?>" maxlength="64" value="<?cs var:leg.from ?>"></label>
      <label><?cs var:L.return.to ?> <input type="text" name="to_<?cs name:leg ?>" maxlength="64" value="<?cs var:leg.to ?>"></label>
      <?cs each:e = leg.Error ?><p class="error-text"><?cs var:L.return[name(e)] ?>: <?cs var:e ?></p><?cs /each ?>
    </fieldset>
    <?cs /each ?>
    <div class="field"><label><input type="checkbox" name="needs_pickup" value="1"<?cs if:Return.needs_pickup == "1" ?> checked<?cs /if ?>> <?cs var:L.return.pickup ?></label></div>
    <button type="submit"><?cs var:L.return.legs_save ?></button>
  </form>
  <h2><?cs var:L.return.evidence ?></h2>
  <p class="small"><?cs var:L.return.evidence_types ?></p>
  <?cs each:k = L.return.kinds ?>
  <?cs if:name(k) != "advisor_consent" || Return.identity == "grad" ?>
  <form method="post" action="/return/upload" enctype="multipart/form-data" class="upload">
    <?cs call:csrf_field() ?>
    <input type="hidden" name="kind" value="<?cs name:k ?>">
    <p><label for="upload-<?cs name:k ?>"><strong><?cs var:k ?></strong></label>
    <?cs each:u = Return.Upload ?><?cs if:u.kind == name(k) ?> · <span class="tag">&#x2714; <?cs var:u.filename ?> <?cs var:u.uploaded_at ?></span><?cs /if ?><?cs /each ?></p>
    <input type="file" id="upload-<?cs name:k ?>" name="file" accept="image/jpeg,image/png,application/pdf">
    <button type="submit"><?cs var:L.return.upload ?></button>
  </form>
  <?cs /if ?>
  <?cs /each ?>
  <form method="post" action="/return/submit">
    <?cs call:csrf_field() ?>
    <button type="submit" class="primary"><?cs var:L.return.evidence_submit ?></button>
  </form>
</section>
<?cs elif:st == "second_review" ?>
<section class="panel"><p class="message"><?cs var:L.card.why.second_review ?></p></section>
<?cs elif:st == "approved" ?>
<section class="panel"><p class="message"><?cs var:L.return.approved ?> <?cs var:Return.allowed_from ?> – <?cs var:Return.allowed_until ?></p>
  <p><a href="/card"><?cs var:L.home.my_card ?></a></p></section>
<?cs elif:st == "rejected" ?>
<section class="panel"><p class="message bad"><?cs var:L.card.why.rejected ?> <q><?cs var:Return.sent_back_reason ?></q></p></section>
<?cs /if ?>
<?cs /if ?>
<?cs include:"footer.cs" ?>
