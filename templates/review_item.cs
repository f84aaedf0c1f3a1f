<?cs include:"macros.cs" ?>
<?cs set:Page.Title = L.review.title ?>
<?cs include:"header.cs" ?>
<section class="panel">
<h1><?cs var:L.review.kinds[Queue.Detail.kind] ?> · <a href="<?cs var:Site.Prefix ?>/person?id=<?cs var:Queue.Detail.person ?>"><?cs var:Queue.Detail.name ?></a></h1>
<dl class="facts">
  <dt><?cs var:L.card.number ?></dt><dd><?cs var:Queue.Detail.number ?></dd>
  <dt><?cs var:L.card.college ?></dt><dd><?cs var:Queue.Detail.college ?> <?cs var:Queue.Detail.class ?></dd>
  <?cs if:Queue.Detail.kind == "makeup" ?>
  <dt><?cs var:L.review.makeup_day ?></dt><dd><?cs var:Queue.Detail.makeup_day ?></dd>
  <dt><?cs var:L.review.reason_given ?></dt><dd><?cs var:Queue.Detail.makeup_reason ?></dd>
  <?cs elif:Queue.Detail.kind == "anomaly" ?>
  <dt><?cs var:L.review.report_day ?></dt><dd><?cs var:Queue.Detail.report_day ?></dd>
  <dt><?cs var:L.form.report.temperature ?></dt><dd><?cs var:Queue.Detail.temperature ?></dd>
  <dt><?cs var:L.form.report.city ?></dt><dd><?cs var:Queue.Detail.city ?></dd>
  <dt><?cs var:L.review.flags ?></dt><dd><?cs call:flag_words(Queue.Detail.anomaly_flags) ?></dd>
  <?cs elif:Queue.Detail.kind == "fever" ?>
  <dt><?cs var:L.review.fever.what ?></dt><dd id="fever-detail"><?cs var:Queue.Detail.fever_at ?> · <?cs var:Queue.Detail.fever_where ?> · <?cs var:Queue.Detail.fever_temperature ?>°C</dd>
  <?cs elif:Queue.Detail.kind == "temp_pass" ?>
  <dt><?cs var:L.review.temp.what ?></dt><dd id="temp-detail"><?cs var:Queue.Detail.temp_building ?> · <?cs var:Queue.Detail.temp_from ?> – <?cs var:Queue.Detail.temp_until ?></dd>
  <dt><?cs var:L.form.temp.reason ?></dt><dd><?cs var:Queue.Detail.temp_reason ?></dd>
  <?cs elif:Queue.Detail.kind == "commute" ?>
  <dt><?cs var:L.commute.days ?></dt><dd id="commute-detail"><?cs var:Queue.Detail.commute_from ?> – <?cs var:Queue.Detail.commute_until ?></dd>
  <dt><?cs var:L.form.commute.address ?></dt><dd><?cs var:Queue.Detail.commute_address ?></dd>
  <dt><?cs var:L.form.commute.reason ?></dt><dd><?cs var:Queue.Detail.commute_reason ?></dd>
  <?cs elif:Queue.Detail.kind == "leave" ?>
  <dt><?cs var:L.leave.days ?></dt><dd id="leave-detail"><?cs var:Queue.Detail.leave_from ?> – <?cs var:Queue.Detail.leave_until ?></dd>
  <dt><?cs var:L.form.leave.destination ?></dt><dd><?cs var:Queue.Detail.leave_to ?></dd>
  <dt><?cs var:L.form.leave.reason ?></dt><dd><?cs var:Queue.Detail.leave_reason ?></dd>
  <?cs elif:Queue.Detail.app_state ?>
  <dt><?cs var:L.review.app_reason ?></dt><dd><?cs var:Queue.Detail.app_reason ?></dd>
  <dt><?cs var:L.review.itinerary ?></dt><dd><?cs var:Queue.Detail.itinerary ?></dd>
  <dt><?cs var:L.card.window ?></dt><dd><?cs if:Queue.Detail.allowed_from ?><?cs var:Queue.Detail.allowed_from ?> – <?cs var:Queue.Detail.allowed_until ?><?cs else ?><?cs var:Queue.Detail.return_from ?> – <?cs var:Queue.Detail.return_until ?><?cs /if ?></dd>
  <dt><?cs var:L.review.pickup ?></dt><dd><?cs if:Queue.Detail.needs_pickup == "1" ?>&#x2714;<?cs else ?>–<?cs /if ?></dd>
  <?cs /if ?>
  <dt><?cs var:L.review.col.since ?></dt><dd><?cs var:Queue.Detail.created ?></dd>
  <?cs if:Queue.Detail.state != "open" ?><dt><?cs var:L.review.decided ?></dt><dd><?cs var:Queue.Detail.decided_by ?> <?cs var:Queue.Detail.decided ?> <?cs var:Queue.Detail.decision ?> <?cs var:Queue.Detail.reason ?></dd><?cs /if ?>
</dl>
</section>
<?cs if:subcount(Queue.Leg) > 0 || subcount(Queue.Upload) > 0 ?>
<section class="panel">
<h2><?cs var:L.review.legs ?></h2>
<ul><?cs each:l = Queue.Leg ?><li><?cs var:l.day ?> <?cs var:L.return.modes[l.mode] ?> <?cs var:l.number ?> <?cs var:l.from_place ?> &rarr; <?cs var:l.to_place ?></li><?cs /each ?></ul>
<h2><?cs var:L.review.uploads ?></h2>
<ul class="uploads"><?cs each:u = Queue.Upload ?>
<li><a href="<?cs var:Site.Prefix ?>/return/file?id=<?cs var:u.id ?>"><?cs var:L.return.kinds[u.kind] ?></a> · <?cs var:u.uploaded_at ?>
<?cs if:u.dup_reason ?> <span class="tag bad">&#x26A0; <?cs var:L.review.dup[u.dup_reason] ?></span><?cs /if ?></li>
<?cs /each ?></ul>
</section>
<?cs /if ?>
<?cs if:subcount(Queue.Around) > 0 ?>
<section class="panel">
<h2><?cs var:L.review.around ?></h2>
<ol class="calendar">
<?cs each:d = Queue.Around ?>
<li class="day-<?cs var:d.state ?><?cs if:d.focus == "1" ?> focus<?cs /if ?>"><span class="date"><?cs var:d.day ?></span><span class="state"><?cs var:L.calendar[d.state] ?></span></li>
<?cs /each ?>
</ol>
</section>
<?cs /if ?>
<section class="panel">
<h2><?cs var:L.makeup.history ?></h2>
<ul class="small"><?cs each:h = Queue.History ?><li><?cs var:h.at ?> <?cs var:h.actor ?> <?cs var:L.audit[h.action] ?> <?cs var:h.detail ?></li><?cs /each ?></ul>
<?cs if:Queue.Detail.state == "open" ?>
<form method="post" action="<?cs var:Site.Prefix ?>/review/decide">
  <?cs call:csrf_field() ?>
  <input type="hidden" name="id" value="<?cs var:Queue.Detail.id ?>">
  <div class="field"><label for="reason"><?cs var:L.review.reason ?></label>
  <input id="reason" type="text" name="reason" maxlength="500"></div>
  <?cs if:Queue.Detail.kind == "first_review" ?>
  <div class="row window">
    <label><?cs var:L.review.window_from ?> <input type="date" name="allowed_from" value="<?cs var:Queue.Detail.return_from ?>"></label>
    <label><?cs var:L.review.window_until ?> <input type="date" name="allowed_until" value="<?cs var:Queue.Detail.return_until ?>"></label>
  </div>
  <?cs /if ?>
  <div class="row">
    <button type="submit" name="decision" value="approve" class="primary"><?cs var:L.review.approve ?></button>
    <?cs if:Queue.Detail.kind == "second_review" ?>
    <button type="submit" name="decision" value="send_back"><?cs var:L.review.send_back ?></button>
    <button type="submit" name="decision" value="reject"><?cs var:L.review.reject_final ?></button>
    <?cs elif:Queue.Detail.kind != "fever" ?>
    <button type="submit" name="decision" value="reject"><?cs var:L.review.reject ?></button>
    <?cs /if ?>
  </div>
</form>
<?cs /if ?>
<p><a href="<?cs var:Site.Prefix ?>/review"><?cs var:L.review.back ?></a></p>
</section>
<?cs include:"footer.cs" ?>
