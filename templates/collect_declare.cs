<?cs include:"macros.cs" ?>
<?cs set:Page.Title = L.collect.declare_title ?>
<?cs include:"header.cs" ?>
<section class="panel">
<h1><?cs var:L.collect.declare_title ?></h1>
<p><strong id="guest-name"><?cs var:Guest.name ?></strong> <span class="small"><?cs var:L.collect.kind[Guest.kind] ?> · <?cs var:Guest.nationality ?> · <?cs var:L.idnum.type[Guest.id_type] ?></span> · <?cs var:Guest.Day ?></p>
<?cs if:Guest.HasLast ?><p class="message"><?cs var:L.collect.from_last ?></p><?cs /if ?>
<?cs if:Guest.Left > 0 ?><p class="small"><?cs var:L.collect.left ?> <?cs var:Guest.Left ?></p><?cs /if ?>
<?cs if:Form.Errors ?><p class="message bad" role="alert"><?cs var:L.checkin.fix_errors ?></p><?cs /if ?>
<form method="post" action="<?cs var:Site.Prefix ?>/collect/declare" id="declare">
  <?cs call:csrf_field() ?>
  <input type="hidden" name="id" value="<?cs var:Guest.id ?>">
  <?cs each:n = Guest.Next ?><input type="hidden" name="id" value="<?cs var:n ?>"><?cs /each ?>
  <?cs call:form_fields() ?>
  <p class="small"><?cs var:L.collect.declared_as ?></p>
  <button type="submit" class="primary"><?cs var:L.collect.declare_submit ?></button>
</form>
<p><a href="<?cs var:Site.Prefix ?>/collect"><?cs var:L.checkin.back ?></a></p>
</section>
<?cs include:"footer.cs" ?>
