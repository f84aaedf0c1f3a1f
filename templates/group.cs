<?cs include:"macros.cs" ?>
<?cs set:Page.Title = L.group.title ?>
<?cs include:"header.cs" ?>
<section class="panel">
<h1><?cs var:L.group.title ?> · <?cs var:Group.Day ?></h1>
<p class="small"><?cs var:L.group.intro ?></p>
<?cs if:Query.filled ?><p class="message" role="status" id="quickfill-done"><?cs var:L.group.filled ?> <strong id="filled-n"><?cs var:Query.filled ?></strong><?cs if:Query.reported > 0 ?>; <?cs var:L.group.reported_meanwhile ?> <span id="reported-n"><?cs var:Query.reported ?></span><?cs /if ?><?cs if:Query.none > 0 ?>; <?cs var:L.group.skipped_none ?> <span id="none-n"><?cs var:Query.none ?></span><?cs /if ?><?cs if:Query.abnormal > 0 ?>; <?cs var:L.group.skipped_abnormal ?> <span id="abnormal-n"><?cs var:Query.abnormal ?></span><?cs /if ?></p><?cs /if ?>
<?cs if:Query.invited ?><p class="message" role="status" id="invited"><?cs var:L.group.invited ?></p><?cs /if ?>
<?cs if:Query.revoked ?><p class="message" role="status" id="revoked"><?cs var:L.group.revoked ?></p><?cs /if ?>
</section>
<?cs each:g = Group ?><?cs if:g.name ?>
<section class="panel group" id="group-<?cs var:g.class_id ?>" aria-labelledby="group-h-<?cs var:g.class_id ?>">
  <h2 id="group-h-<?cs var:g.class_id ?>"><?cs var:g.name ?></h2>
  <ul class="figures small-figures">
    <li><span class="n" id="members-<?cs var:g.class_id ?>"><?cs var:g.Fig.members ?></span> <span class="l"><?cs var:L.group.members ?></span></li>
    <li><span class="n" id="reported-<?cs var:g.class_id ?>"><?cs var:g.Fig.reported ?></span> <span class="l"><?cs var:L.group.reported ?></span></li>
    <li><span class="n" id="bulk-<?cs var:g.class_id ?>"><?cs var:g.Fig.bulk ?></span> <span class="l"><?cs var:L.group.bulk ?></span></li>
    <li><span class="n" id="unreported-<?cs var:g.class_id ?>"><?cs var:g.Fig.unreported ?></span> <span class="l"><?cs var:L.group.unreported ?></span></li>
    <li><span class="n" id="joined-<?cs var:g.class_id ?>"><?cs var:g.Fig.joined ?> / <?cs var:g.Fig.members ?></span> <span class="l"><?cs var:L.group.joined ?></span></li>
  </ul>
  <?cs if:g.Fig.unreported > 0 ?>
  <p><a class="button" id="quickfill-<?cs var:g.class_id ?>" href="<?cs var:Site.Prefix ?>/group/quickfill<?cs if:g.class_id > 0 ?>?class=<?cs var:g.class_id ?><?cs /if ?>"><?cs var:L.group.quickfill ?></a></p>
  <?cs /if ?>
  <h3><?cs var:L.group.invite ?></h3>
  <?cs if:g.Invite.link ?>
  <p class="small"><?cs var:L.group.invite_share ?></p>
  <p><label for="invite-link-<?cs var:g.class_id ?>"><?cs var:L.group.invite_link ?></label>
  <input type="text" readonly id="invite-link-<?cs var:g.class_id ?>" class="invite-link" value="<?cs var:g.Invite.link ?>"></p>
  <p><img class="qr" width="200" height="200" alt="<?cs var:L.group.invite_qr ?>" src="<?cs var:Site.Prefix ?>/group/qr<?cs if:g.class_id > 0 ?>?class=<?cs var:g.class_id ?><?cs /if ?>"></p>
  <form method="post" class="row" action="<?cs var:Site.Prefix ?>/group/revoke">
    <?cs call:csrf_field() ?><?cs if:g.class_id > 0 ?><input type="hidden" name="class" value="<?cs var:g.class_id ?>"><?cs /if ?>
    <button type="submit" id="revoke-<?cs var:g.class_id ?>"><?cs var:L.group.revoke ?></button>
  </form>
  <?cs else ?><p class="small"><?cs var:L.group.no_invite ?></p><?cs /if ?>
  <form method="post" class="row" action="<?cs var:Site.Prefix ?>/group/invite">
    <?cs call:csrf_field() ?><?cs if:g.class_id > 0 ?><input type="hidden" name="class" value="<?cs var:g.class_id ?>"><?cs /if ?>
    <button type="submit" id="invite-<?cs var:g.class_id ?>"><?cs if:g.Invite.link ?><?cs var:L.group.invite_renew ?><?cs else ?><?cs var:L.group.invite_make ?><?cs /if ?></button>
  </form>
</section>
<?cs /if ?><?cs /each ?>
<?cs include:"footer.cs" ?>
