<?cs include:"macros.cs" ?>
<?cs set:Page.Title = L.card.title ?>
<?cs include:"header.cs" ?>
<?cs if:!Card.ViewedByStaff ?><?cs call:checkin_nav("card") ?><?cs /if ?>
<?cs # The card: colour plus icon plus words, never colour alone. ?>
<section class="card card-<?cs var:Card.Colour ?>" aria-labelledby="card-state">
  <div class="card-head">
    <span class="card-icon" aria-hidden="true"><?cs
      if:Card.Colour == "green" ?>&#x2714;<?cs
      elif:Card.Colour == "blue" ?>&#x2302;<?cs
      elif:Card.Colour == "red" ?>&#x2716;<?cs
      elif:Card.Colour == "orange" ?>!<?cs
      elif:Card.Colour == "yellow" ?>&#x231B;<?cs
      else ?>&#x2013;<?cs /if ?></span>
    <div>
      <p class="card-colour"><?cs var:L.card.colour[Card.Colour] ?></p>
      <h1 id="card-state" class="card-title"><?cs var:Card.Title ?></h1>
    </div>
  </div>
  <?cs call:card_reasons() ?>
  <?cs if:subcount(Card.Missing) > 0 ?>
  <div class="missing">
    <p><?cs var:L.card.missing_days ?></p>
    <ul class="days"><?cs each:d = Card.Missing ?><li><?cs var:d ?></li><?cs /each ?></ul>
  </div>
  <?cs /if ?>
  <?cs if:!Card.ViewedByStaff ?>
  <?cs if:Card.State == "to_apply" || Card.State == "sent_back" || Card.State == "evidence_needed" ?>
  <p><a class="next-step" href="<?cs var:Site.Prefix ?>/return"><?cs var:L.card.next.return ?></a></p>
  <?cs elif:Card.State == "waiting_checkins" ?>
  <p><a class="next-step" href="<?cs var:Site.Prefix ?>/checkin/calendar"><?cs var:L.card.next.calendar ?></a></p>
  <?cs elif:Card.State == "abnormal" ?>
  <?cs # The day's own page: the form again when sent back, else its report. ?>
  <?cs each:why = Card.Reason ?>
  <?cs if:why.Code == "report_sent_back" ?>
  <p><a class="next-step" id="refill" href="<?cs var:Site.Prefix ?>/checkin?day=<?cs var:why.Day ?>"><?cs var:L.card.next.refill ?></a></p>
  <?cs elif:why.Code == "anomaly" ?>
  <p><a class="next-step" id="anomaly-details" href="<?cs var:Site.Prefix ?>/checkin?day=<?cs var:why.Day ?>"><?cs var:L.card.next.checkin ?></a></p>
  <?cs /if ?>
  <?cs /each ?>
  <?cs /if ?>
  <?cs each:why = Card.Reason ?><?cs if:why.Code == "makeup_pending" ?>
  <p><a class="next-step" id="makeup-pending" href="<?cs var:Site.Prefix ?>/makeup"><?cs var:L.card.next.makeup ?></a></p>
  <?cs /if ?><?cs /each ?>
  <?cs /if ?>
  <?cs if:Card.ShowQr && !Card.ViewedByStaff ?>
  <figure class="qr">
    <img id="gate-qr" src="<?cs var:Site.Prefix ?>/card/qr?n=<?cs var:Card.QrStamp ?>" width="240" height="240"
      alt="<?cs var:L.card.qr_alt ?>" data-refresh="<?cs var:Page.Refresh ?>">
    <figcaption class="qr-note"><?cs if:Card.GateFor ?><span id="gate-for" data-for="<?cs var:Card.GateFor ?>"><?cs var:L.card.show_at_gate_for[Card.GateFor] ?></span><?cs elif:Card.Colour == "blue" ?><?cs var:L.card.show_at_dorm ?><?cs else ?><?cs var:L.card.show_at_gate ?><?cs /if ?>
      <br><span class="small"><?cs var:L.card.qr_rotates ?></span></figcaption>
  </figure>
  <?cs /if ?>
  <?cs if:Card.Colour == "blue" && !Card.ViewedByStaff ?>
  <p><a class="next-step" id="to-pass" href="<?cs var:Site.Prefix ?>/pass"><?cs var:L.home.pass ?></a> · <a class="next-step" id="to-booking" href="<?cs var:Site.Prefix ?>/booking"><?cs var:L.home.booking ?></a> · <a class="next-step" id="to-leave" href="<?cs var:Site.Prefix ?>/leave"><?cs var:L.home.leave ?></a></p>
  <?cs /if ?>
</section>

<?cs if:Card.BulkBy && Card.ViewedByStaff ?>
<section class="panel" id="bulk-note"><p class="message bad"><?cs var:L.bulk.card_staff ?> <?cs var:Card.BulkBy ?>: <?cs var:L.bulk.unconfirmed ?></p></section>
<?cs /if ?>
<?cs if:!Card.ViewedByStaff && Who.Is.Student ?>
<section class="panel today" id="today-checkin">
<?cs if:Card.CheckedInToday && Card.BulkBy ?><p class="today-bulk" id="bulk-note"><?cs var:L.bulk.card_student ?> <?cs var:Card.BulkBy ?>: <?cs var:L.bulk.unconfirmed ?></p>
<p><a class="button" id="bulk-replace" href="<?cs var:Site.Prefix ?>/checkin?quick=1"><?cs var:L.bulk.replace ?></a></p>
<?cs elif:Card.CheckedInToday ?><p class="today-done"><?cs var:L.card.today_done ?></p>
<?cs elif:Card.Exempt.Kind ?><p class="today-exempt"><?cs var:L.exempt.today ?></p>
<?cs else ?><p class="today-todo"><?cs var:L.card.today_todo ?></p>
<p><a class="button" href="<?cs var:Site.Prefix ?>/checkin"><?cs var:L.card.today_go ?></a></p><?cs /if ?>
</section>
<?cs /if ?>
<?cs if:subcount(Card.Queue.Pending) > 0 || Card.Queue.Latest.kind ?>
<section class="panel" id="my-items" aria-labelledby="my-items-h">
  <h2 id="my-items-h"><?cs var:L.card.items.title ?></h2>
  <?cs if:subcount(Card.Queue.Pending) > 0 ?>
  <ul id="pending-items"><?cs each:q = Card.Queue.Pending ?>
    <li class="pending-<?cs var:q.kind ?>"><?cs var:L.card.items.kind[q.kind] ?><?cs if:q.day ?> <?cs var:q.day ?><?cs /if ?>
      <span class="small"><?cs var:L.card.items.since ?> <?cs var:q.created ?> · <?cs var:L.card.items.holder[q.kind] ?></span></li>
  <?cs /each ?></ul>
  <?cs else ?><p id="pending-none"><?cs var:L.card.items.none ?></p><?cs /if ?>
  <?cs if:Card.Queue.Latest.kind ?>
  <p id="latest-decision"><?cs var:L.card.items.latest ?>
    <?cs var:L.card.items.kind[Card.Queue.Latest.kind] ?><?cs if:Card.Queue.Latest.day ?> <?cs var:Card.Queue.Latest.day ?><?cs /if ?>:
    <strong><?cs var:L.card.items.decision[Card.Queue.Latest.decision] ?></strong>
    <span class="small"><?cs var:Card.Queue.Latest.by_name ?> <?cs var:Card.Queue.Latest.decided ?></span>
    <?cs if:Card.Queue.Latest.reason ?><br><?cs var:L.card.items.reason ?> <?cs var:Card.Queue.Latest.reason ?><?cs /if ?></p>
  <?cs /if ?>
</section>
<?cs /if ?>
<?cs if:subcount(Messages) > 0 ?>
<section class="panel messages">
  <h2><?cs var:L.messages.title ?></h2>
  <ul><?cs each:m = Messages ?><li><span class="small"><?cs var:m.At ?></span> <?cs var:m.Text ?><?cs if:m.Link ?> <a href="<?cs var:Site.Prefix ?><?cs var:m.Link ?>"><?cs var:L.message.refill ?></a><?cs /if ?></li><?cs /each ?></ul>
</section>
<?cs /if ?>
<section class="panel">
  <dl class="facts">
    <dt><?cs var:L.card.name ?></dt><dd><?cs var:Person.name ?></dd>
    <dt><?cs var:L.card.number ?></dt><dd><?cs var:Person.number ?></dd>
    <dt><?cs var:L.card.identity ?></dt><dd><?cs var:L.identity[Person.identity] ?></dd>
    <dt><?cs var:L.card.college ?></dt><dd><?cs var:Person.college ?><?cs if:Person.class ?> · <?cs var:Person.class ?><?cs /if ?></dd>
    <dt><?cs var:L.card.boarding ?></dt><dd><?cs if:Person.boarding == "1" ?><?cs var:L.card.boarder ?><?cs else ?><?cs var:L.card.day_student ?><?cs /if ?></dd>
    <dt><?cs var:L.card.counselor ?></dt><dd><?cs if:Person.counselor ?><?cs var:Person.counselor ?><?cs if:Person.counselor_phone ?> · <a href="tel:<?cs var:Person.counselor_phone ?>"><?cs var:Person.counselor_phone ?></a><?cs /if ?><?cs else ?><?cs var:L.card.none ?><?cs /if ?></dd>
    <dt><?cs var:L.card.term ?></dt><dd><?cs if:Card.Term ?><?cs var:Card.Term ?><?cs else ?><?cs var:L.card.none ?><?cs /if ?></dd>
    <dt><?cs var:L.card.window ?></dt><dd><?cs if:Card.AllowedFrom ?><?cs var:Card.AllowedFrom ?> – <?cs var:Card.AllowedUntil ?><?cs else ?><?cs var:L.card.not_set ?><?cs /if ?></dd>
    <?cs if:Card.ArrivedAt ?><dt><?cs var:L.card.arrived_at ?></dt><dd><?cs var:Card.ArrivedAt ?></dd><?cs /if ?>
  </dl>
  <p><a href="<?cs var:Site.Prefix ?>/person<?cs if:Card.ViewedByStaff ?>?id=<?cs var:Person.id ?><?cs /if ?>" id="record-link"><?cs var:L.person.open_record ?></a></p>
  <?cs if:Card.ViewedByStaff && (Who.Is.Counselor || Who.Is.Admin) ?>
  <p><a href="<?cs var:Site.Prefix ?>/checkin/basic_fix?person=<?cs var:Person.id ?>"><?cs var:L.checkin.basic_fix ?></a></p>
  <?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
