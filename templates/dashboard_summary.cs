<?cs include:"macros.cs" ?>
<?cs set:Page.Title = L.summary.title ?>
<?cs include:"header.cs" ?>
<section class="panel">
<h1><?cs var:L.summary.title ?> · <?cs var:Summary.Day ?></h1>
<?cs if:Dash.Message ?><p class="message bad" role="alert"><?cs var:Dash.Message ?></p><?cs /if ?>
<?cs if:Summary.Done.at ?>
  <p class="message"><?cs var:L.summary.submitted_at ?> <?cs var:Summary.Done.at ?>. <?cs var:L.summary.frozen ?></p>
  <p class="small"><?cs var:L.summary.frozen_figures ?> <code><?cs var:Summary.Done.figures ?></code></p>
  <?cs if:Summary.Done.hand_outside_total ?>
  <dl class="facts" id="hand-figures">
  <?cs each:h = Summary.Hand ?><dt><?cs var:h.label ?></dt><dd id="hand-<?cs var:h.name ?>"><?cs var:Summary.Done["hand_" + h.name] ?></dd><?cs /each ?>
  </dl>
  <?cs /if ?>
  <?cs if:Summary.Done.notes ?><blockquote><?cs var:Summary.Done.notes ?></blockquote><?cs /if ?>
<?cs else ?>
  <ul class="figures small-figures">
  <?cs each:fig = Dash.Figures ?><li><span class="n"><?cs var:Dash.Figure[fig.name] ?></span> <span class="l"><?cs var:fig.label ?></span></li><?cs /each ?>
  </ul>
  <?cs if:subcount(Dash.Row) > 0 ?>
  <p><?cs var:L.summary.unreported ?></p>
  <ul><?cs each:p = Dash.Row ?><li><?cs var:p.name ?> <?cs var:p.number ?></li><?cs /each ?></ul>
  <?cs /if ?>
  <?cs if:Summary.Open ?>
  <form method="post" action="<?cs var:Site.Prefix ?>/dashboard/summary">
    <?cs call:csrf_field() ?>
    <input type="hidden" name="day" value="<?cs var:Summary.Day ?>">
    <fieldset id="hand-fields"><legend><?cs var:L.summary.hand_legend ?></legend>
    <p class="small"><?cs var:L.summary.hand_intro ?></p>
    <?cs each:h = Summary.Hand ?>
    <div class="field<?cs if:h.error ?> error<?cs /if ?>"><label for="hand_<?cs var:h.name ?>"><?cs var:h.label ?></label>
    <input type="number" inputmode="numeric" min="0" max="100000" step="1" id="hand_<?cs var:h.name ?>" name="hand_<?cs var:h.name ?>" value="<?cs var:h.value ?>"<?cs if:h.error ?> aria-invalid="true" aria-describedby="hand_<?cs var:h.name ?>-err"<?cs /if ?>>
    <?cs if:h.error ?><p class="error-text" id="hand_<?cs var:h.name ?>-err"><?cs var:h.error ?></p><?cs /if ?></div>
    <?cs /each ?>
    </fieldset>
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
