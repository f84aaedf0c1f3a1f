<?cs # The school admin's buildings and entrances, and who may go in. ?>
<?cs include:"macros.cs" ?>
<?cs set:Page.Title = L.places.title ?>
<?cs include:"header.cs" ?>
<section class="panel">
  <h1><?cs var:L.places.title ?></h1>
  <p class="small"><?cs var:L.places.intro ?> <a href="<?cs var:Site.Prefix ?>/gates"><?cs var:L.home.gates ?></a> · <a href="<?cs var:Site.Prefix ?>/places/stats"><?cs var:L.places.stats ?></a> · <a href="<?cs var:Site.Prefix ?>/pass/trace"><?cs var:L.pass.trace.title ?></a></p>
  <?cs if:subcount(Places.Building) == 0 ?><p id="no-buildings"><?cs var:L.places.none ?></p><?cs else ?>
  <section class="scroll" tabindex="0" aria-label="<?cs var:L.places.title ?>">
  <table class="list" id="buildings">
    <thead><tr><th><?cs var:L.places.building ?></th><th><?cs var:L.places.entrances ?></th><th><?cs var:L.places.access ?></th><th><?cs var:L.places.approvers ?></th><th><?cs var:L.places.inside ?></th></tr></thead>
    <tbody>
    <?cs each:b = Places.Building ?>
    <tr id="building-<?cs var:b.id ?>" data-restricted="<?cs var:b.restricted ?>">
      <td><?cs var:b.name ?><br><span class="small"><?cs var:L.places.kind[b.kind] ?></span></td>
      <td><?cs each:e = Places.Entrance ?><?cs if:e.building_id == b.id ?><span id="entrance-<?cs var:e.id ?>"><?cs var:e.name ?> <span class="small">(<?cs var:L.places.devices ?> <?cs var:e.devices ?>)</span></span><br><?cs /if ?><?cs /each ?></td>
      <td><?cs if:b.restricted == "1" ?><?cs var:L.places.restricted ?><?cs else ?><?cs var:L.places.open ?><?cs /if ?>
        <form method="post" action="<?cs var:Site.Prefix ?>/places/restrict" class="inline"><?cs call:csrf_field() ?>
          <input type="hidden" name="id" value="<?cs var:b.id ?>">
          <input type="hidden" name="restricted" value="<?cs if:b.restricted == "1" ?>0<?cs else ?>1<?cs /if ?>">
          <button type="submit" class="link"><?cs if:b.restricted == "1" ?><?cs var:L.places.make_open ?><?cs else ?><?cs var:L.places.make_restricted ?><?cs /if ?></button></form>
        <?cs each:a = Places.Access ?><?cs if:a.building_id == b.id ?><br><span id="access-<?cs var:a.id ?>"><?cs if:a.unit ?><?cs var:a.unit ?><?cs else ?><?cs var:L.places.identity[a.identity] ?><?cs /if ?></span>
          <form method="post" action="<?cs var:Site.Prefix ?>/places/ungrant" class="inline"><?cs call:csrf_field() ?>
            <input type="hidden" name="id" value="<?cs var:a.id ?>">
            <button type="submit" class="link"><?cs var:L.places.ungrant ?></button></form><?cs /if ?><?cs /each ?></td>
      <td><?cs each:a = Places.Approver ?><?cs if:a.building_id == b.id ?><span id="approver-<?cs var:b.id ?>-<?cs var:a.person ?>"><?cs var:a.name ?></span>
          <form method="post" action="<?cs var:Site.Prefix ?>/places/unapprover" class="inline"><?cs call:csrf_field() ?>
            <input type="hidden" name="building_id" value="<?cs var:b.id ?>"><input type="hidden" name="person" value="<?cs var:a.person ?>">
            <button type="submit" class="link"><?cs var:L.places.ungrant ?></button></form><br><?cs /if ?><?cs /each ?></td>
      <td><a href="<?cs var:Site.Prefix ?>/places/inside?id=<?cs var:b.id ?>"><?cs var:b.inside ?></a></td>
    </tr>
    <?cs /each ?>
    </tbody>
  </table>
  </section>
  <?cs /if ?>
</section>

<section class="panel">
  <form method="post" action="<?cs var:Site.Prefix ?>/places/add_building" id="add-building">
    <h2><?cs var:L.places.add_building ?></h2>
    <?cs call:csrf_field() ?>
    <div class="field<?cs if:Places.Bad == "building" && Form.Error.name ?> bad<?cs /if ?>"><label for="b-name"><?cs var:L.form.building.name ?></label>
      <input id="b-name" type="text" name="name" maxlength="30" required value="<?cs if:Places.Bad == "building" ?><?cs var:Form.Value.name ?><?cs /if ?>">
      <?cs if:Places.Bad == "building" && Form.Error.name ?><p class="error-text"><?cs var:Form.Error.name ?></p><?cs /if ?></div>
    <div class="field<?cs if:Places.Bad == "building" && Form.Error.kind ?> bad<?cs /if ?>"><label for="b-kind"><?cs var:L.form.building.kind ?></label>
      <select id="b-kind" name="kind"><?cs each:k = L.places.kind ?><option value="<?cs name:k ?>"<?cs if:Places.Bad == "building" && Form.Value.kind == name(k) ?> selected<?cs /if ?>><?cs var:k ?></option><?cs /each ?></select>
      <?cs if:Places.Bad == "building" && Form.Error.kind ?><p class="error-text"><?cs var:Form.Error.kind ?></p><?cs /if ?></div>
    <div class="field"><label><input type="checkbox" name="restricted" value="1"<?cs if:Places.Bad == "building" && Form.Value.restricted == "1" ?> checked<?cs /if ?>> <?cs var:L.form.building.restricted ?></label></div>
    <button type="submit"><?cs var:L.gates.add ?></button>
  </form>
</section>

<?cs if:subcount(Places.Building) > 0 ?>
<section class="panel">
  <form method="post" action="<?cs var:Site.Prefix ?>/places/add_entrance" id="add-entrance">
    <h2><?cs var:L.places.add_entrance ?></h2>
    <?cs call:csrf_field() ?>
    <div class="field<?cs if:Places.Bad == "entrance" && Form.Error.building_id ?> bad<?cs /if ?>"><label for="e-building"><?cs var:L.form.entrance.building_id ?></label>
      <select id="e-building" name="building_id"><?cs each:b = Places.Building ?><option value="<?cs var:b.id ?>"<?cs if:Places.Bad == "entrance" && Form.Value.building_id == b.id ?> selected<?cs /if ?>><?cs var:b.name ?></option><?cs /each ?></select>
      <?cs if:Places.Bad == "entrance" && Form.Error.building_id ?><p class="error-text"><?cs var:Form.Error.building_id ?></p><?cs /if ?></div>
    <div class="field<?cs if:Places.Bad == "entrance" && Form.Error.name ?> bad<?cs /if ?>"><label for="e-name"><?cs var:L.form.entrance.name ?></label>
      <input id="e-name" type="text" name="name" maxlength="30" required value="<?cs if:Places.Bad == "entrance" ?><?cs var:Form.Value.name ?><?cs /if ?>">
      <?cs if:Places.Bad == "entrance" && Form.Error.name ?><p class="error-text"><?cs var:Form.Error.name ?></p><?cs /if ?></div>
    <button type="submit"><?cs var:L.gates.add ?></button>
    <p class="small"><?cs var:L.places.devices_note ?></p>
  </form>
</section>

<section class="panel">
  <h2><?cs var:L.places.grant ?></h2>
  <?cs if:Places.Bad == "grant" ?><p class="error-text" role="alert"><?cs var:Form.Error.unit_id ?></p><?cs /if ?>
  <form method="post" action="<?cs var:Site.Prefix ?>/places/grant" class="row-form" id="grant-unit">
    <?cs call:csrf_field() ?>
    <label><?cs var:L.places.building ?> <select name="building_id"><?cs each:b = Places.Building ?><option value="<?cs var:b.id ?>"><?cs var:b.name ?></option><?cs /each ?></select></label>
    <label><?cs var:L.places.unit ?> <select name="unit_id"><?cs each:u = Places.Unit ?><option value="<?cs var:u.id ?>"><?cs if:u.college ?><?cs var:u.college ?> · <?cs /if ?><?cs var:u.name ?></option><?cs /each ?></select></label>
    <button type="submit"><?cs var:L.gates.add ?></button>
  </form>
  <form method="post" action="<?cs var:Site.Prefix ?>/places/grant" class="row-form" id="grant-identity">
    <?cs call:csrf_field() ?>
    <label><?cs var:L.places.building ?> <select name="building_id"><?cs each:b = Places.Building ?><option value="<?cs var:b.id ?>"><?cs var:b.name ?></option><?cs /each ?></select></label>
    <label><?cs var:L.places.identity_label ?> <select name="identity"><?cs each:i = L.places.identity ?><option value="<?cs name:i ?>"><?cs var:i ?></option><?cs /each ?></select></label>
    <button type="submit"><?cs var:L.gates.add ?></button>
  </form>
</section>

<section class="panel">
  <h2><?cs var:L.places.add_approver ?></h2>
  <?cs if:Places.Bad == "approver" ?><p class="error-text" role="alert"><?cs var:Form.Error.number ?></p><?cs /if ?>
  <form method="post" action="<?cs var:Site.Prefix ?>/places/approver" class="row-form" id="add-approver">
    <?cs call:csrf_field() ?>
    <label><?cs var:L.places.building ?> <select name="building_id"><?cs each:b = Places.Building ?><option value="<?cs var:b.id ?>"><?cs var:b.name ?></option><?cs /each ?></select></label>
    <label><?cs var:L.places.approver_number ?> <input type="text" name="number" maxlength="32" required value="<?cs if:Places.Bad == "approver" ?><?cs var:Query.number ?><?cs /if ?>"></label>
    <button type="submit"><?cs var:L.gates.add ?></button>
  </form>
  <p class="small"><?cs var:L.places.approver_note ?></p>
</section>

<section class="panel">
  <h2><?cs var:L.places.dorm_title ?></h2>
  <p class="small"><?cs var:L.places.dorm_note ?></p>
  <?cs if:Places.Bad == "dorm" ?><p class="error-text" role="alert"><?cs alt:Form.Error.number ?><?cs var:L.places.no_resident ?><?cs /alt ?></p><?cs /if ?>
  <form method="post" action="<?cs var:Site.Prefix ?>/places/dorm" class="row-form" id="set-dorm">
    <?cs call:csrf_field() ?>
    <label><?cs var:L.form.dorm.number ?> <input type="text" name="number" maxlength="32" required value="<?cs if:Places.Bad == "dorm" ?><?cs var:Form.Value.number ?><?cs /if ?>"></label>
    <label><?cs var:L.places.building ?> <select name="building_id"><option value="0"><?cs var:L.places.no_dorm ?></option><?cs each:b = Places.Building ?><?cs if:b.kind == "dorm" ?><option value="<?cs var:b.id ?>"><?cs var:b.name ?></option><?cs /if ?><?cs /each ?></select></label>
    <button type="submit"><?cs var:L.places.save ?></button>
  </form>
  <?cs if:subcount(Places.Resident) > 0 ?>
  <ul class="small" id="residents"><?cs each:p = Places.Resident ?><li id="resident-<?cs var:p.person ?>" data-building="<?cs var:p.building_id ?>"><?cs var:p.building ?> · <?cs var:p.name ?> <?cs var:p.number ?></li><?cs /each ?></ul>
  <?cs /if ?>
</section>
<?cs /if ?>

<section class="panel">
  <h2><?cs var:L.places.holders_title ?></h2>
  <p class="small"><?cs var:L.places.holders_note ?></p>
  <?cs if:Places.Bad == "holder" ?><p class="error-text" role="alert"><?cs alt:Form.Error.number ?><?cs var:L.places.no_person ?><?cs /alt ?></p><?cs /if ?>
  <form method="post" action="<?cs var:Site.Prefix ?>/places/holder" class="row-form" id="add-holder">
    <?cs call:csrf_field() ?>
    <label><?cs var:L.form.holder.number ?> <input type="text" name="number" maxlength="32" required value="<?cs if:Places.Bad == "holder" ?><?cs var:Form.Value.number ?><?cs /if ?>"></label>
    <label><?cs var:L.form.holder.note ?> <input type="text" name="note" maxlength="100" value="<?cs if:Places.Bad == "holder" ?><?cs var:Form.Value.note ?><?cs /if ?>"></label>
    <button type="submit"><?cs var:L.gates.add ?></button>
  </form>
  <?cs if:subcount(Places.Holder) > 0 ?>
  <ul id="holders"><?cs each:h = Places.Holder ?><li id="holder-<?cs var:h.person ?>"><?cs var:h.name ?> <span class="small"><?cs var:h.number ?> · <?cs var:L.places.identity[h.identity] ?><?cs if:h.note ?> · <?cs var:h.note ?><?cs /if ?> · <?cs var:h.added ?></span>
    <form method="post" action="<?cs var:Site.Prefix ?>/places/unholder" class="inline"><?cs call:csrf_field() ?>
      <input type="hidden" name="person" value="<?cs var:h.person ?>">
      <button type="submit" class="link"><?cs var:L.places.ungrant ?></button></form></li><?cs /each ?></ul>
  <?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
