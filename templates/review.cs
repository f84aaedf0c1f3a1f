<?cs include:"macros.cs" ?>
<?cs set:Page.Title = L.review.title ?>
<?cs include:"header.cs" ?>
<section class="panel">
<h1><?cs var:L.review.title ?></h1>
<nav class="kinds" aria-label="<?cs var:L.review.col.kind ?>">
  <a href="<?cs var:Site.Prefix ?>/review"<?cs if:Queue.Kind == "all" ?> aria-current="page"<?cs /if ?>><?cs var:L.review.kind.all ?> <span class="count"><?cs var:Queue.Count.all ?></span></a>
  <?cs each:k = L.review.kinds ?>
  <a href="<?cs var:Site.Prefix ?>/review?kind=<?cs name:k ?>"<?cs if:Queue.Kind == name(k) ?> aria-current="page"<?cs /if ?>><?cs var:k ?> <span class="count" id="count-<?cs name:k ?>"><?cs var:Queue.Count[name(k)] ?></span></a>
  <?cs /each ?>
</nav>
</section>
<form method="post" action="<?cs var:Site.Prefix ?>/review/decide" class="panel">
  <?cs call:csrf_field() ?>
  <?cs if:subcount(Queue.Item) == 0 ?><p class="small"><?cs var:L.review.empty ?></p><?cs /if ?>
  <div class="scroll">
  <table class="list">
  <thead><tr><th><span class="vh"><?cs var:L.app.col_select ?></span></th><th><?cs var:L.review.col.kind ?></th><th><?cs var:L.dashboard.col.name ?></th><th><?cs var:L.review.col.what ?></th><th><?cs var:L.review.col.since ?></th></tr></thead>
  <tbody>
  <?cs each:q = Queue.Item ?>
  <tr>
    <td><input type="checkbox" name="id" value="<?cs var:q.id ?>" aria-label="<?cs var:q.name ?>"></td>
    <td><?cs var:L.review.kinds[q.kind] ?></td>
    <td><a href="<?cs var:Site.Prefix ?>/review/item?id=<?cs var:q.id ?>"><?cs var:q.name ?></a> <span class="small"><a href="<?cs var:Site.Prefix ?>/person?id=<?cs var:q.person ?>" title="<?cs var:L.person.title ?>"><?cs var:q.number ?></a></span></td>
    <td class="wrap"><?cs if:q.kind == "makeup" ?><?cs var:q.makeup_day ?> · <?cs var:q.makeup_reason ?><?cs elif:q.kind == "anomaly" ?><?cs var:q.report_day ?> · <?cs var:q.temperature ?>°C <?cs call:flag_words(q.anomaly_flags) ?><?cs elif:q.kind == "fever" ?><?cs var:q.fever_at ?> · <?cs var:q.fever_where ?> · <?cs var:q.fever_temperature ?>°C<?cs elif:q.kind == "temp_pass" ?><?cs var:q.temp_building ?> · <?cs var:q.temp_from ?> – <?cs var:q.temp_until ?> · <?cs var:q.temp_reason ?><?cs elif:q.kind == "leave" ?><?cs var:q.leave_from ?> – <?cs var:q.leave_until ?> · <?cs var:q.leave_to ?> · <?cs var:q.leave_reason ?><?cs elif:q.kind == "commute" ?><?cs var:q.commute_from ?> – <?cs var:q.commute_until ?> · <?cs var:q.commute_address ?> · <?cs var:q.commute_reason ?><?cs else ?><?cs var:q.app_reason ?><?cs if:q.allowed_from ?> · <?cs var:q.allowed_from ?> – <?cs var:q.allowed_until ?><?cs /if ?><?cs /if ?></td>
    <td><?cs var:q.created ?></td>
  </tr>
  <?cs /each ?>
  </tbody>
  </table>
  </div>
  <?cs call:pager("/review", "kind", Queue.Kind, "", "", Queue.PrevPage, Queue.NextPage, "") ?>
  <?cs if:subcount(Queue.Item) > 0 ?>
  <?cs if:Queue.Kind == "first_review" || (Queue.Kind == "all" && Queue.Count.first_review > 0) ?>
  <p class="small" id="window-needed"><?cs var:L.review.window_needed ?></p>
  <div class="row window">
    <label><?cs var:L.review.window_from ?> <input type="date" name="allowed_from"></label>
    <label><?cs var:L.review.window_until ?> <input type="date" name="allowed_until"></label>
  </div>
  <?cs /if ?>
  <div class="field"><label for="reason"><?cs var:L.review.reason ?></label>
  <input id="reason" type="text" name="reason" maxlength="500"></div>
  <div class="row">
    <button type="submit" name="decision" value="approve" class="primary"><?cs var:L.review.approve_selected ?></button>
    <button type="submit" name="decision" value="reject"><?cs var:L.review.reject_selected ?></button>
  </div>
  <?cs /if ?>
</form>
<?cs include:"footer.cs" ?>
