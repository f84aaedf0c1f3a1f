<?cs include:"macros.cs" ?>
<?cs set:Page.Title = L.summary.title ?>
<?cs include:"header.cs" ?>
<section class="panel">
<h1><?cs var:L.summary.title ?> · <?cs var:Summary.Day ?></h1>
<?cs if:Dash.Message ?><p class="message bad" role="alert"><?cs var:Dash.Message ?></p><?cs /if ?>
<?cs if:Summary.Done.at ?>
  <p class="message"><?cs var:L.summary.submitted_at ?> <?cs var:Summary.Done.at ?>. <?cs var:L.summary.frozen ?></p>
  <p class="small"><?cs var:L.summary.frozen_figures ?> <code><?cs var:Summary.Done.figures ?></code></p>
  <?cs if:Summary.Done.notes ?><blockquote><?cs var:Summary.Done.notes ?></blockquote><?cs /if ?>
<?cs else ?>
  <ul class="figures small-figures">
  <?cs each:fig = Dash.Figures ?><li><span class="n"><?cs var:Dash.Figure[fig.Name] ?></span> <span class="l"><?cs var:fig.Label ?></span></li><?cs /each ?>
  </ul>
  <?cs if:subcount(Dash.Row) > 0 ?>
  <p><?cs var:L.summary.unreported ?></p>
  <ul><?cs each:p = Dash.Row ?><li><?cs var:p.name ?> <?cs var:p.number ?></li><?cs /each ?></ul>
  <?cs /if ?>
  <?cs if:Summary.Open ?>
  <form method="post" action="<?cs var:Site.Prefix ?>/dashboard/summary">
    <?cs call:csrf_field() ?>
    <input type="hidden" name="day" value="<?cs var:Summary.Day ?>">
    <div class="field"><label for="notes"><?cs var:L.summary.notes ?></label>
    <textarea id="notes" name="notes" maxlength="2000" rows="5"><?cs var:Summary.Notes ?></textarea></div>
    <button type="submit" class="primary"><?cs var:L.summary.submit ?></button>
  </form>
  <?cs else ?>
  <p class="message bad"><?cs var:L.summary.closed ?></p>
  <?cs /if ?>
  <p class="small"><?cs var:L.summary.deadline ?> <span id="summary-deadline"><?cs var:Summary.Deadline ?></span></p>
<?cs /if ?>
<p><a href="<?cs var:Site.Prefix ?>/dashboard"><?cs var:L.dashboard.back ?></a></p>
</section>
<?cs include:"footer.cs" ?>
