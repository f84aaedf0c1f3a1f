<?cs include:"macros.cs" ?>
<?cs set:Page.Title = L.checkin.proxy_title ?>
<?cs include:"header.cs" ?>
<section class="panel">
<h1><?cs var:L.checkin.proxy_title ?></h1>
<p><?cs var:L.checkin.proxy_for ?> <strong><?cs var:Proxy.name ?></strong> (<?cs var:Proxy.number ?>) · <?cs var:Checkin.Day ?></p>
<?cs if:Checkin.QuickFrom ?>
  <p class="message"><?cs var:L.checkin.quick_from ?> <?cs var:Checkin.QuickFrom ?><?cs var:L.checkin.quick_check ?></p>
<?cs /if ?>
<?cs if:Form.Errors ?><p class="message bad" role="alert"><?cs var:L.checkin.fix_errors ?></p><?cs /if ?>
<form method="post" action="<?cs var:Site.Prefix ?>/checkin/<?cs alt:Proxy.Action ?>proxy<?cs /alt ?>">
  <?cs call:csrf_field() ?>
  <input type="hidden" name="person" value="<?cs var:Proxy.Person ?>">
  <?cs call:form_fields() ?>
  <?cs call:question_fields() ?>
  <button type="submit" class="primary"><?cs var:L.checkin.proxy_submit ?></button>
</form>
<?cs if:Proxy.Action == "for" ?><p class="small"><?cs var:L.fillers.shown ?></p>
<p><a href="<?cs var:Site.Prefix ?>/checkin/fillers"><?cs var:L.checkin.back ?></a></p><?cs else ?><p><a href="<?cs var:Site.Prefix ?>/dashboard"><?cs var:L.dashboard.back ?></a></p><?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
