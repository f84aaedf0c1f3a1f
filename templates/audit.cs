<?cs include:"macros.cs" ?>
<?cs set:Page.Title = L.auditlog.title ?>
<?cs include:"header.cs" ?>
<?cs def:audit_query() ?>who=<?cs var:url_escape(Query.who) ?>&amp;action=<?cs var:url_escape(Query.action) ?>&amp;whom=<?cs var:url_escape(Query.whom) ?>&amp;from=<?cs var:url_escape(Query.from) ?>&amp;to=<?cs var:url_escape(Query.to) ?><?cs /def ?>
<section class="panel">
<h1><?cs var:L.auditlog.title ?></h1>
<p class="small"><?cs var:L.auditlog.intro ?></p>
<form method="get" action="<?cs var:Site.Prefix ?>/audit" class="row-form" id="audit-search">
  <div class="field<?cs if:Form.Error.who ?> bad<?cs /if ?>"><label for="a-who"><?cs var:L.auditlog.who ?></label>
    <input id="a-who" type="text" name="who" maxlength="64" value="<?cs var:Query.who ?>">
    <?cs if:Form.Error.who ?><p class="error-text"><?cs var:Form.Error.who ?></p><?cs /if ?></div>
  <div class="field"><label for="a-action"><?cs var:L.auditlog.what ?></label>
    <select id="a-action" name="action"><option value=""><?cs var:L.auditlog.any ?></option>
    <?cs each:a = Audit.Action ?><option value="<?cs var:a.action ?>"<?cs if:Query.action == a.action ?> selected<?cs /if ?>><?cs alt:L.audit[a.action] ?><?cs var:a.action ?><?cs /alt ?> (<?cs var:a.action ?>)</option><?cs /each ?>
    </select></div>
  <div class="field<?cs if:Form.Error.whom ?> bad<?cs /if ?>"><label for="a-whom"><?cs var:L.auditlog.whom ?></label>
    <input id="a-whom" type="text" name="whom" maxlength="64" value="<?cs var:Query.whom ?>">
    <?cs if:Form.Error.whom ?><p class="error-text"><?cs var:Form.Error.whom ?></p><?cs /if ?></div>
  <div class="field<?cs if:Form.Error.from ?> bad<?cs /if ?>"><label for="a-from"><?cs var:L.auditlog.from ?></label>
    <input id="a-from" type="date" name="from" value="<?cs var:Query.from ?>">
    <?cs if:Form.Error.from ?><p class="error-text"><?cs var:Form.Error.from ?></p><?cs /if ?></div>
  <div class="field<?cs if:Form.Error.to ?> bad<?cs /if ?>"><label for="a-to"><?cs var:L.auditlog.to ?></label>
    <input id="a-to" type="date" name="to" value="<?cs var:Query.to ?>">
    <?cs if:Form.Error.to ?><p class="error-text"><?cs var:Form.Error.to ?></p><?cs /if ?></div>
  <?cs if:Form.Error.page ?><p class="error-text"><?cs var:Form.Error.page ?></p><?cs /if ?>
  <button type="submit"><?cs var:L.auditlog.search ?></button>
</form>
<?cs if:Audit.NoWho ?><p class="message bad" role="status" id="no-who"><?cs var:L.auditlog.no_person ?> <?cs var:Query.who ?></p><?cs /if ?>
<?cs if:Audit.NoWhom ?><p class="message bad" role="status" id="no-whom"><?cs var:L.auditlog.no_person ?> <?cs var:Query.whom ?></p><?cs /if ?>
</section>

<section class="panel" id="results">
<h2><?cs var:L.auditlog.results ?></h2>
<?cs if:Audit.Rows == 0 ?><p id="audit-empty"><?cs var:L.auditlog.empty ?></p><?cs else ?>
<section class="scroll" tabindex="0" aria-label="<?cs var:L.auditlog.results ?>">
<table class="list" id="audit-rows">
<thead><tr><th><?cs var:L.auditlog.col.at ?></th><th><?cs var:L.auditlog.col.who ?></th><th><?cs var:L.auditlog.col.what ?></th><th><?cs var:L.auditlog.col.whom ?></th><th><?cs var:L.auditlog.col.detail ?></th><th><?cs var:L.auditlog.col.where ?></th></tr></thead>
<tbody>
<?cs each:a = Audit.Row ?>
<tr data-action="<?cs var:a.action ?>"><td><?cs var:a.at ?></td>
  <td><?cs var:a.actor ?> <span class="small"><?cs var:a.actor_number ?></span></td>
  <td><?cs alt:L.audit[a.action] ?><?cs var:a.action ?><?cs /alt ?></td>
  <td><?cs if:a.subject_id ?><a href="<?cs var:Site.Prefix ?>/person?id=<?cs var:a.subject_id ?>"><?cs var:a.subject ?></a> <span class="small"><?cs var:a.subject_number ?></span><?cs /if ?></td>
  <td><?cs if:a.object_kind ?><span class="small"><?cs var:a.object_kind ?> <?cs var:a.object_id ?></span> <?cs /if ?><?cs var:a.detail ?></td>
  <td class="small"><?cs var:a.addr ?> <?cs var:a.request_id ?></td></tr>
<?cs /each ?>
</tbody>
</table>
</section>
<?cs /if ?>
<p class="pager">
<?cs if:?Audit.PrevPage ?><a href="<?cs var:Site.Prefix ?>/audit?<?cs call:audit_query() ?>&amp;page=<?cs var:Audit.PrevPage ?>#results">&larr; <?cs var:L.dashboard.prev ?></a><?cs /if ?>
<?cs if:Audit.NextPage ?><a href="<?cs var:Site.Prefix ?>/audit?<?cs call:audit_query() ?>&amp;page=<?cs var:Audit.NextPage ?>#results" id="next-page"><?cs var:L.dashboard.next ?> &rarr;</a><?cs /if ?>
</p>
</section>
<?cs include:"footer.cs" ?>
