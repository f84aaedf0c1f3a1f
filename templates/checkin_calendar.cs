<?cs include:"macros.cs" ?>
<?cs set:Page.Title = L.calendar.title ?>
<?cs include:"header.cs" ?>
<?cs call:checkin_nav("calendar") ?>
<section class="panel">
<h1><?cs var:L.calendar.title ?></h1>
<?cs if:Query.filled == "1" ?><p class="message" role="status" id="makeup-filled"><?cs var:L.makeup.filled ?></p><?cs /if ?>
<p class="small"><?cs var:Calendar.Term.name ?></p>
<ul class="legend">
  <li class="day-done"><?cs var:L.calendar.done ?></li>
  <li class="day-bulk"><?cs var:L.calendar.bulk ?></li>
  <li class="day-made_up"><?cs var:L.calendar.made_up ?></li>
  <li class="day-pending"><?cs var:L.calendar.pending ?></li>
  <li class="day-missed"><?cs var:L.calendar.missed ?></li>
</ul>
<ol class="calendar">
<?cs each:d = Calendar.Day ?>
  <li class="day-<?cs var:d.state ?>">
    <span class="date"><?cs var:d.day ?></span>
    <span class="state"><?cs var:L.calendar[d.state] ?></span><?cs if:d.filler ?> <span class="small filler"><?cs var:L.person.filled_by ?> <?cs var:d.filler ?></span><?cs /if ?>
    <?cs if:d.state == "missed" ?><a href="<?cs var:Site.Prefix ?>/makeup?day=<?cs var:d.day ?>"><?cs var:L.calendar.apply ?></a>
    <?cs elif:d.state == "sent_back" ?><a href="<?cs var:Site.Prefix ?>/checkin?day=<?cs var:d.day ?>"><?cs var:L.card.next.refill ?></a>
    <?cs elif:d.state == "approved" ?><a href="<?cs var:Site.Prefix ?>/makeup/fill?day=<?cs var:d.day ?>"><?cs var:L.calendar.fill ?></a>
    <?cs elif:d.state == "bulk" && d.day == Calendar.Today ?><a href="<?cs var:Site.Prefix ?>/checkin"><?cs var:L.bulk.replace ?></a>
    <?cs elif:d.state == "today" ?><a href="<?cs var:Site.Prefix ?>/checkin"><?cs var:L.calendar.check_in ?></a><?cs /if ?>
  </li>
<?cs /each ?>
</ol>
</section>
<?cs include:"footer.cs" ?>
