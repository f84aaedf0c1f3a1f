<?cs set:Page.Title = L.gates.stats ?>
<?cs include:"header.cs" ?>
<section class="panel">
  <h1><?cs var:L.gates.stats ?></h1>
  <form method="get" action="<?cs var:Site.Prefix ?>/gates/stats" class="row-form">
    <label><?cs var:L.gates.day ?> <input type="date" name="day" value="<?cs var:Stats.Day ?>"></label>
    <button type="submit"><?cs var:L.gates.show ?></button>
  </form>
  <?cs if:Page.Message ?><p class="error-text"><?cs var:Page.Message ?></p><?cs /if ?>
  <?cs if:subcount(Stats.Gate) == 0 ?><p id="no-arrivals"><?cs var:L.gates.none ?></p><?cs /if ?>
  <?cs each:g = Stats.Gate ?>
  <h2 class="stats-gate"><?cs if:g.Name ?><?cs var:g.Name ?><?cs else ?><?cs var:L.gates.by_staff ?><?cs /if ?> (<?cs var:L.scan.kind[g.Kind] ?>): <span class="total"><?cs var:g.Total ?></span></h2>
  <svg class="trend" viewBox="0 0 296 108" role="img" aria-label="<?cs var:L.gates.per_hour ?>">
    <line x1="0" y1="90" x2="296" y2="90" class="axis"/>
    <?cs each:b = g.Bar ?>
    <rect x="<?cs var:b.X ?>" y="<?cs var:b.Y ?>" width="10" height="<?cs var:b.H ?>"><title><?cs name:b ?>:00 <?cs var:b.N ?></title></rect>
    <?cs if:name(b) % 3 == 0 ?><text x="<?cs var:b.X + 5 ?>" y="104" class="day"><?cs name:b ?></text><?cs /if ?>
    <?cs /each ?>
  </svg>
  <?cs /each ?>
  <p><a href="<?cs var:Site.Prefix ?>/gates"><?cs var:L.gates.back ?></a></p>
</section>
<?cs include:"footer.cs" ?>
