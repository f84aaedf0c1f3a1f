<?cs include:"macros.cs" ?>
<?cs set:Page.Title = L.checkin.basic_title ?>
<?cs include:"header.cs" ?>
<?cs call:checkin_nav("report") ?>
<section class="panel">
<h1><?cs var:L.checkin.basic_title ?></h1>
<p class="small"><?cs var:L.checkin.basic_once ?></p>
<?cs if:Form.Errors ?><p class="message bad" role="alert"><?cs var:L.checkin.fix_errors ?></p><?cs /if ?>
<form method="post" action="<?cs var:Site.Prefix ?>/checkin/basic">
  <?cs call:csrf_field() ?>
  <?cs call:form_fields() ?>
  <button type="submit" class="primary"><?cs var:L.checkin.basic_submit ?></button>
</form>
</section>
<?cs include:"footer.cs" ?>
