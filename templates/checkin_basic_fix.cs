<?cs include:"macros.cs" ?>
<?cs set:Page.Title = L.checkin.basic_fix ?>
<?cs include:"header.cs" ?>
<section class="panel">
<h1><?cs var:L.checkin.basic_fix ?></h1>
<p><?cs var:L.checkin.proxy_for ?> <strong><?cs var:Proxy.name ?></strong> (<?cs var:Proxy.number ?>)</p>
<p class="small"><?cs var:L.checkin.basic_fix_audited ?></p>
<?cs if:Form.Errors ?><p class="message bad" role="alert"><?cs var:L.checkin.fix_errors ?></p><?cs /if ?>
<form method="post" action="<?cs var:Site.Prefix ?>/checkin/basic_fix">
  <?cs call:csrf_field() ?>
  <input type="hidden" name="person" value="<?cs var:Proxy.Person ?>">
  <?cs call:form_fields() ?>
  <button type="submit" class="primary"><?cs var:L.checkin.basic_submit ?></button>
</form>
</section>
<?cs include:"footer.cs" ?>
