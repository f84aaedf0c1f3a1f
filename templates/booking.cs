<?cs # 健康预约: the venues' slots, one's bookings and the QR of the active one. ?>
<?cs include:"macros.cs" ?>
<?cs set:Page.Title = L.booking.title ?>
<?cs include:"header.cs" ?>
<section class="panel">
  <h1><?cs var:L.booking.title ?></h1>
  <?cs if:Query.booked ?><p class="message" role="status" id="booked"><?cs var:L.booking.booked ?></p><?cs /if ?>
  <?cs if:Query.ended ?><p class="message" role="status" id="ended"><?cs var:L.booking.ended_msg ?></p><?cs /if ?>
  <?cs if:Booking.Refused ?><p class="message bad" role="alert" id="booking-refused" data-reason="<?cs var:Booking.Refused ?>"><?cs var:L.booking.why[Booking.Refused] ?><?cs if:Booking.Until ?> <?cs var:L.booking.until ?> <?cs var:Booking.Until ?><?cs /if ?></p><?cs /if ?>
  <?cs if:Booking.Why ?><p class="message" id="no-booking" data-why="<?cs var:Booking.Why ?>"><?cs var:L.booking.why[Booking.Why] ?></p><?cs /if ?>
  <?cs each:b = Booking.Mine ?><?cs if:b.active == "1" ?>
  <figure class="qr">
    <img id="booking-qr" src="<?cs var:Site.Prefix ?>/booking/qr?id=<?cs var:b.id ?>&amp;n=<?cs var:Booking.QrStamp ?>" data-src="<?cs var:Site.Prefix ?>/booking/qr?id=<?cs var:b.id ?>&amp;"
      width="240" height="240" alt="<?cs var:L.booking.qr_alt ?>" data-refresh="<?cs var:Page.Refresh ?>">
    <figcaption class="qr-note"><strong><?cs var:b.venue ?> · <?cs var:b.starts_at ?>–<?cs var:b.ends_at ?></strong>
      <br><span class="small"><?cs var:L.booking.arrive ?> <?cs var:Booking.Grace ?> <?cs var:L.booking.minutes ?></span></figcaption>
  </figure>
  <?cs /if ?><?cs /each ?>
  <?cs if:subcount(Booking.Mine) > 0 ?>
  <h2><?cs var:L.booking.mine ?></h2>
  <ul class="bookings">
  <?cs each:b = Booking.Mine ?>
  <li id="booking-<?cs var:b.id ?>" data-state="<?cs var:b.state ?>"><?cs var:b.venue ?> <?cs var:b.starts_at ?>–<?cs var:b.ends_at ?> · <?cs var:L.booking.state[b.state] ?>
    <?cs if:b.active == "1" ?><form method="post" action="<?cs var:Site.Prefix ?>/booking/end" class="inline"><?cs call:csrf_field() ?>
      <input type="hidden" name="id" value="<?cs var:b.id ?>"><button type="submit" class="link"><?cs if:b.state == "booked" ?><?cs var:L.booking.cancel ?><?cs else ?><?cs var:L.booking.end ?><?cs /if ?></button></form><?cs /if ?></li>
  <?cs /each ?>
  </ul>
  <?cs /if ?>
</section>
<?cs each:v = Booking.Venue ?>
<section class="panel venue" id="venue-<?cs var:v.id ?>">
  <h2><?cs var:v.name ?> <span class="small"><?cs var:v.building ?> · <?cs var:v.slot_minutes ?> <?cs var:L.booking.minutes ?> · <?cs var:L.booking.capacity ?> <?cs var:v.capacity ?></span></h2>
  <?cs if:subcount(v.Slot) == 0 ?><p class="small"><?cs var:L.booking.no_slots ?></p><?cs else ?>
  <ul class="slots">
  <?cs each:s = v.Slot ?>
  <li><form method="post" action="<?cs var:Site.Prefix ?>/booking/book" class="inline"><?cs call:csrf_field() ?>
    <input type="hidden" name="venue" value="<?cs var:v.id ?>"><input type="hidden" name="start" value="<?cs var:s.start ?>">
    <button type="submit"<?cs if:s.left == "0" || Booking.Why ?> disabled<?cs /if ?>><?cs var:s.label ?> · <?cs var:L.booking.left ?> <span class="left"><?cs var:s.left ?></span></button></form></li>
  <?cs /each ?>
  </ul>
  <?cs /if ?>
</section>
<?cs /each ?>
<?cs if:subcount(Booking.Venue) == 0 ?><section class="panel"><p id="no-venues"><?cs var:L.booking.no_venues ?></p></section><?cs /if ?>
<section class="panel"><p class="small"><?cs var:L.booking.rules ?> <?cs var:Booking.NoShows ?> <?cs var:L.booking.rules_times ?> <?cs var:Booking.SuspendDays ?> <?cs var:L.booking.rules_days ?></p></section>
<?cs if:Who.Is.Admin && subcount(Places.Building) > 0 ?>
<section class="panel">
  <form method="post" action="<?cs var:Site.Prefix ?>/booking/add_venue" id="add-venue">
    <h2><?cs var:L.booking.add_venue ?></h2>
    <?cs call:csrf_field() ?>
    <div class="field<?cs if:Form.Error.building_id ?> bad<?cs /if ?>"><label for="v-building"><?cs var:L.form.venue.building_id ?></label>
      <select id="v-building" name="building_id"><?cs each:b = Places.Building ?><option value="<?cs var:b.id ?>"<?cs if:Form.Value.building_id == b.id ?> selected<?cs /if ?>><?cs var:b.name ?></option><?cs /each ?></select>
      <?cs if:Form.Error.building_id ?><p class="error-text"><?cs var:Form.Error.building_id ?></p><?cs /if ?></div>
    <div class="field<?cs if:Form.Error.name ?> bad<?cs /if ?>"><label for="v-name"><?cs var:L.form.venue.name ?></label>
      <input id="v-name" type="text" name="name" maxlength="30" required value="<?cs var:Form.Value.name ?>">
      <?cs if:Form.Error.name ?><p class="error-text"><?cs var:Form.Error.name ?></p><?cs /if ?></div>
    <div class="field<?cs if:Form.Error.opens ?> bad<?cs /if ?>"><label for="v-opens"><?cs var:L.form.venue.opens ?></label>
      <input id="v-opens" type="time" name="opens" required value="<?cs alt:Form.Value.opens ?>06:00<?cs /alt ?>">
      <?cs if:Form.Error.opens ?><p class="error-text"><?cs var:Form.Error.opens ?></p><?cs /if ?></div>
    <div class="field<?cs if:Form.Error.closes ?> bad<?cs /if ?>"><label for="v-closes"><?cs var:L.form.venue.closes ?></label>
      <input id="v-closes" type="time" name="closes" required value="<?cs alt:Form.Value.closes ?>22:00<?cs /alt ?>">
      <?cs if:Form.Error.closes ?><p class="error-text"><?cs var:Form.Error.closes ?></p><?cs /if ?></div>
    <div class="field<?cs if:Form.Error.slot_minutes ?> bad<?cs /if ?>"><label for="v-slot"><?cs var:L.form.venue.slot_minutes ?></label>
      <input id="v-slot" type="text" inputmode="numeric" name="slot_minutes" required value="<?cs alt:Form.Value.slot_minutes ?>30<?cs /alt ?>">
      <?cs if:Form.Error.slot_minutes ?><p class="error-text"><?cs var:Form.Error.slot_minutes ?></p><?cs /if ?></div>
    <div class="field<?cs if:Form.Error.capacity ?> bad<?cs /if ?>"><label for="v-capacity"><?cs var:L.form.venue.capacity ?></label>
      <input id="v-capacity" type="text" inputmode="numeric" name="capacity" required value="<?cs var:Form.Value.capacity ?>">
      <?cs if:Form.Error.capacity ?><p class="error-text"><?cs var:Form.Error.capacity ?></p><?cs /if ?></div>
    <button type="submit"><?cs var:L.gates.add ?></button>
  </form>
</section>
<?cs /if ?>
<?cs include:"footer.cs" ?>
