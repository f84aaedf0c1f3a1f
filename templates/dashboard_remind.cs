<?cs include:"macros.cs" ?>
<?cs set:Page.Title = L.dashboard.remind ?>
<?cs include:"header.cs" ?>
<section class="panel narrow">
<h1><?cs var:L.dashboard.remind ?></h1>
<?cs if:Dash.Figure.unreported > 0 ?>
<p id="remind-count"><?cs var:L.dashboard.remind_will ?> <strong><?cs var:Dash.Figure.unreported ?></strong> <?cs var:L.dashboard.remind_will_suffix ?></p>
<?cs if:Dash.RemindedToday > 0 ?><p class="small" id="reminded-today"><?cs var:L.dashboard.reminded_today ?> <?cs var:Dash.RemindedToday ?> <?cs var:L.dashboard.people ?><?cs var:L.dashboard.remind_once ?></p><?cs /if ?>
<form method="post" action="<?cs var:Site.Prefix ?>/dashboard/remind">
  <?cs call:csrf_field() ?>
  <p class="row"><button type="submit" class="primary"><?cs var:L.dashboard.remind_confirm ?></button>
  <a href="<?cs var:Site.Prefix ?>/dashboard"><?cs var:L.dashboard.remind_cancel ?></a></p>
</form>
<?cs else ?>
<p><?cs var:L.dashboard.remind_nobody ?></p>
<p><a href="<?cs var:Site.Prefix ?>/dashboard"><?cs var:L.dashboard.remind_cancel ?></a></p>
<?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
