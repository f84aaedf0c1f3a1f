<?cs include:"macros.cs" ?>
<?cs set:Page.Title = L.makeup.title ?>
<?cs include:"header.cs" ?>
<?cs call:checkin_nav("makeup") ?>
<section class="panel">
<h1><?cs var:L.makeup.title ?></h1>
<p class="small"><?cs var:L.makeup.one_day ?></p>
<?cs if:Query.applied ?><p class="message"><?cs var:L.makeup.applied ?></p><?cs /if ?>
<?cs if:Page.Message ?><p class="message bad" role="alert"><?cs var:Page.Message ?></p><?cs /if ?>
<form method="post" action="<?cs var:Site.Prefix ?>/makeup">
  <?cs call:csrf_field() ?>
  <?cs call:form_fields() ?>
  <button type="submit" class="primary"><?cs var:L.makeup.submit ?></button>
</form>
</section>

<section class="panel">
<h2><?cs var:L.makeup.mine ?></h2>
<?cs if:subcount(Mine) == 0 ?><p class="small"><?cs var:L.makeup.none ?></p><?cs /if ?>
<?cs each:m = Mine ?>
<div class="request state-<?cs var:m.state ?>">
  <p><strong><?cs var:m.day ?></strong> · <span class="tag"><?cs var:L.makeup.state[m.state] ?></span>
  <?cs if:m.state == "pending" ?> · <?cs var:L.makeup.holder ?> <?cs var:m.holder ?><?cs /if ?></p>
  <p class="small"><?cs var:m.reason ?></p>
  <?cs if:m.decision_reason ?><p class="small"><?cs var:L.makeup.decision_reason ?> <q><?cs var:m.decision_reason ?></q></p><?cs /if ?>
  <details><summary><?cs var:L.makeup.history ?></summary><ul class="small">
  <?cs each:h = History ?><?cs if:h.id == m.id ?><li><?cs var:h.at ?> <?cs var:h.actor ?> <?cs var:L.audit[h.action] ?></li><?cs /if ?><?cs /each ?>
  </ul></details>
  <?cs if:m.state == "pending" ?>
  <form method="post" action="<?cs var:Site.Prefix ?>/makeup/withdraw" class="inline">
    <?cs call:csrf_field() ?><input type="hidden" name="id" value="<?cs var:m.id ?>">
    <button type="submit"><?cs var:L.makeup.withdraw ?></button>
  </form>
  <?cs elif:m.state == "approved" ?>
  <a class="small-button" href="<?cs var:Site.Prefix ?>/makeup/fill?day=<?cs var:m.day ?>"><?cs var:L.calendar.fill ?></a>
  <?cs /if ?>
</div>
<?cs /each ?>
</section>
<?cs include:"footer.cs" ?>
