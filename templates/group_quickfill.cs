<?cs include:"macros.cs" ?>
<?cs set:Page.Title = L.group.quickfill ?>
<?cs include:"header.cs" ?>
<section class="panel">
<h1><?cs var:L.group.quickfill ?> · <?cs var:Quick.Day ?></h1>
<p><?cs var:L.group.quickfill_intro ?></p>
<?cs if:Quick.Fill > 0 ?>
<h2><?cs var:L.group.will_fill ?> (<span id="will-fill"><?cs var:Quick.Fill ?></span>)</h2>
<form method="post" action="<?cs var:Site.Prefix ?>/group/quickfill" id="quickfill-form">
  <?cs call:csrf_field() ?>
  <?cs if:Quick.Class > 0 ?><input type="hidden" name="class" value="<?cs var:Quick.Class ?>"><?cs /if ?>
  <ul id="fill-list">
  <?cs each:p = Quick.Row ?><?cs if:p.last_day && p.last_anomaly != "1" ?>
    <li id="fill-<?cs var:p.id ?>"><label><input type="checkbox" name="id" value="<?cs var:p.id ?>" checked> <?cs var:p.name ?></label> <span class="small"><?cs var:p.number ?> · <?cs var:p.class ?> · <?cs var:L.group.last_report ?> <?cs var:p.last_day ?></span></li>
  <?cs /if ?><?cs /each ?>
  </ul>
  <p class="small"><?cs var:L.group.quickfill_untick ?> <?cs var:L.group.quickfill_mark ?></p>
  <button type="submit" class="primary" id="quickfill-confirm"><?cs var:L.group.quickfill_confirm ?></button>
</form>
<?cs else ?><p id="nothing-to-fill"><?cs var:L.group.nothing ?></p><?cs /if ?>
<?cs if:Quick.None > 0 ?>
<h2><?cs var:L.group.skip_none ?> (<?cs var:Quick.None ?>)</h2>
<ul id="skip-none"><?cs each:p = Quick.Row ?><?cs if:!p.last_day ?><li id="none-<?cs var:p.id ?>"><?cs var:p.name ?> <span class="small"><?cs var:p.number ?></span></li><?cs /if ?><?cs /each ?></ul>
<?cs /if ?>
<?cs if:Quick.Abnormal > 0 ?>
<h2><?cs var:L.group.skip_abnormal ?> (<?cs var:Quick.Abnormal ?>)</h2>
<ul id="skip-abnormal"><?cs each:p = Quick.Row ?><?cs if:p.last_day && p.last_anomaly == "1" ?><li id="abnormal-<?cs var:p.id ?>"><?cs var:p.name ?> <span class="small"><?cs var:p.number ?> · <?cs var:p.last_day ?></span> <a href="<?cs var:Site.Prefix ?>/checkin/proxy?person=<?cs var:p.id ?>"><?cs var:L.dashboard.proxy ?></a></li><?cs /if ?><?cs /each ?></ul>
<?cs /if ?>
<p><a href="<?cs var:Site.Prefix ?>/group"><?cs var:L.group.back ?></a></p>
</section>
<?cs include:"footer.cs" ?>
