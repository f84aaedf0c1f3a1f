<?cs include:"macros.cs" ?>
<?cs set:Page.Title = L.join.title ?>
<?cs include:"header.cs" ?>
<section class="panel" id="join">
<h1><?cs var:L.join.title ?></h1>
<?cs if:Join.Refused == "revoked" ?><p class="message bad" role="alert" id="join-revoked"><?cs var:L.join.revoked ?></p>
<?cs elif:Join.Refused ?><p class="message bad" role="alert" id="join-bad"><?cs var:L.join.bad ?></p>
<?cs else ?>
<p id="join-group"><?cs var:L.join.group ?> <strong><?cs alt:Join.Class ?><?cs var:L.join.all_students ?><?cs /alt ?></strong> · <?cs var:L.join.counselor ?> <?cs var:Join.Counselor ?></p>
<?cs if:Join.Stranger ?><p class="message bad" role="alert" id="join-stranger"><?cs var:L.join.stranger ?></p>
<?cs elif:Join.Member ?>
<form method="post" action="<?cs var:Site.Prefix ?>/group/join">
  <?cs call:csrf_field() ?><input type="hidden" name="t" value="<?cs var:Join.Token ?>">
  <p><?cs var:Who.Name ?>: <?cs var:L.join.confirm ?></p>
  <button type="submit" class="primary" id="join-confirm"><?cs var:L.join.submit ?></button>
</form>
<?cs else ?>
<p><?cs var:L.join.login_first ?></p>
<p><a class="button" id="join-login" href="<?cs var:Site.Prefix ?>/login?next=<?cs var:Join.LoginNext ?>"><?cs var:L.join.login ?></a></p>
<?cs /if ?>
<?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
