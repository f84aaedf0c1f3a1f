<?cs # The passages of a day per building and hour: in (dark) and out. ?>
<?cs set:Page.Title = L.places.stats ?>
<?cs include:"header.cs" ?>
<section class="panel">
  <h1><?cs var:L.places.stats ?></h1>
  <form method="get" action="<?cs var:Site.Prefix ?>/places/stats" class="row-form">
    <label><?cs var:L.gates.day ?> <input type="date" name="day" value="<?cs var:Stats.Day ?>"></label>
    <button type="submit"><?cs var:L.gates.show ?></button>
  </form>
  <?cs if:subcount(Stats.Building) == 0 ?><p id="no-passages"><?cs var:L.places.no_passages ?></p><?cs /if ?>
  <?cs each:g = Stats.Building ?>
  <h2 class="stats-building"><?cs var:g.Name ?>: <span class="total"><?cs var:g.Total ?></span></h2>
  <svg class="trend" viewBox="0 0 296 108" role="img" aria-label="<?cs var:g.Name ?> <?cs var:L.places.per_hour ?>">
    <line x1="0" y1="90" x2="296" y2="90" class="axis"/>
    <?cs each:b = g.Bar ?>
    <?cs if:b.In > 0 ?><rect x="<?cs var:b.X ?>" y="<?cs var:b.YIn ?>" width="10" height="<?cs var:b.HIn ?>" class="in"><title><?cs name:b ?>:00 <?cs var:L.pass.direction.in ?> <?cs var:b.In ?></title></rect><?cs /if ?>
    <?cs if:b.Out > 0 ?><rect x="<?cs var:b.X ?>" y="<?cs var:b.YOut ?>" width="10" height="<?cs var:b.HOut ?>" class="out" opacity="0.5"><title><?cs name:b ?>:00 <?cs var:L.pass.direction.out ?> <?cs var:b.Out ?></title></rect><?cs /if ?>
    <?cs if:name(b) % 3 == 0 ?><text x="<?cs var:b.X + 5 ?>" y="104" class="day"><?cs name:b ?></text><?cs /if ?>
    <?cs /each ?>
  </svg>
  <?cs /each ?>
  <p><a href="<?cs var:Site.Prefix ?>/places"><?cs var:L.gates.back ?></a></p>
</section>
<?cs include:"footer.cs" ?>
