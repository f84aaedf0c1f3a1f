<?cs set:Page.Title = L.gates.title ?>
<?cs include:"header.cs" ?>
<section class="panel">
  <h1><?cs var:L.gates.title ?></h1>
  <p><a href="<?cs var:Site.Prefix ?>/gates/stats"><?cs var:L.gates.stats ?></a></p>
  <section class="scroll" tabindex="0" aria-label="<?cs var:L.gates.title ?>">
  <table class="list">
    <thead><tr><th><?cs var:L.gates.name ?></th><th><?cs var:L.gates.kind ?></th><th><?cs var:L.gates.today ?></th><th><span class="vh"><?cs var:L.app.col_actions ?></span></th></tr></thead>
    <tbody>
    <?cs each:g = Gates.Gate ?>
    <tr id="gate-<?cs var:g.id ?>"><td><?cs var:g.name ?></td><td><?cs var:L.scan.kind[g.kind] ?></td><td><?cs var:g.today ?></td>
      <td><a href="<?cs var:Site.Prefix ?>/gates/print?id=<?cs var:g.id ?>"><?cs var:L.gates.print ?></a>
        <form method="post" action="<?cs var:Site.Prefix ?>/gates/new_code" class="inline">
          <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
          <input type="hidden" name="id" value="<?cs var:g.id ?>">
          <button type="submit" class="link"><?cs var:L.gates.new_code ?></button>
        </form></td></tr>
    <?cs /each ?>
    </tbody>
  </table>
  </section>
  <form method="post" action="<?cs var:Site.Prefix ?>/gates/add_gate" class="row-form">
    <h2><?cs var:L.gates.add_gate ?></h2>
    <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
    <label><?cs var:L.gates.kind ?>
      <select name="kind">
        <option value="gate"<?cs if:Gates.Bad == "gate" && Form.Value.kind == "gate" ?> selected<?cs /if ?>><?cs var:L.scan.kind.gate ?></option>
        <option value="dorm"<?cs if:Gates.Bad == "gate" && Form.Value.kind == "dorm" ?> selected<?cs /if ?>><?cs var:L.scan.kind.dorm ?></option>
      </select></label>
    <label><?cs var:L.gates.name ?> <input type="text" name="name" maxlength="64" required value="<?cs if:Gates.Bad == "gate" ?><?cs var:Form.Value.name ?><?cs /if ?>"></label>
    <?cs if:Gates.Bad == "gate" ?><?cs each:e = Form.Error ?><p class="error-text"><?cs var:e ?></p><?cs /each ?><?cs /if ?>
    <button type="submit"><?cs var:L.gates.add ?></button>
  </form>
</section>

<section class="panel">
  <h2><?cs var:L.gates.devices ?></h2>
  <section class="scroll" tabindex="0" aria-label="<?cs var:L.gates.devices ?>">
  <table class="list">
    <thead><tr><th><?cs var:L.gates.device ?></th><th><?cs var:L.gates.gate ?></th><th><?cs var:L.gates.state ?></th><th><span class="vh"><?cs var:L.app.col_actions ?></span></th></tr></thead>
    <tbody>
    <?cs each:d = Gates.Device ?>
    <tr id="device-<?cs var:d.id ?>" class="device-<?cs var:d.state ?>"><td><?cs var:d.name ?></td><td><?cs var:d.gate ?></td>
      <td><?cs var:L.gates.device_state[d.state] ?>
        <?cs if:d.state == "enrolled" ?><span class="small"><?cs var:d.enrolled_at ?></span><?cs /if ?>
        <?cs if:d.state == "revoked" ?><span class="small"><?cs var:d.revoked_at ?></span><?cs /if ?></td>
      <td><?cs if:d.state != "revoked" ?>
        <form method="post" action="<?cs var:Site.Prefix ?>/gates/revoke" class="inline">
          <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
          <input type="hidden" name="id" value="<?cs var:d.id ?>">
          <button type="submit" class="link"><?cs var:L.gates.revoke ?></button>
        </form><?cs /if ?></td></tr>
    <?cs /each ?>
    </tbody>
  </table>
  </section>
  <form method="post" action="<?cs var:Site.Prefix ?>/gates/add_device" class="row-form">
    <h2><?cs var:L.gates.add_device ?></h2>
    <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
    <label><?cs var:L.gates.gate ?>
      <select name="gate_id">
      <?cs each:g = Gates.Gate ?><option value="<?cs var:g.id ?>"<?cs if:Gates.Bad == "device" && Form.Value.gate_id == g.id ?> selected<?cs /if ?>><?cs var:g.name ?></option><?cs /each ?>
      </select></label>
    <label><?cs var:L.gates.device ?> <input type="text" name="name" maxlength="64" required value="<?cs if:Gates.Bad == "device" ?><?cs var:Form.Value.name ?><?cs /if ?>"></label>
    <?cs if:Gates.Bad == "device" ?><?cs each:e = Form.Error ?><p class="error-text"><?cs var:e ?></p><?cs /each ?><?cs /if ?>
    <button type="submit"><?cs var:L.gates.add ?></button>
  </form>
  <p class="small"><?cs var:L.gates.device_note ?></p>
</section>

<section class="panel" id="offline-scans">
  <h2><?cs var:L.gates.offline.title ?><?cs if:Offline.Flagged > 0 ?> · <span class="badge"><?cs var:L.gates.offline.flagged ?> <?cs var:Offline.Flagged ?></span><?cs /if ?></h2>
  <p class="small"><?cs var:L.gates.offline.note ?></p>
  <?cs if:subcount(Offline.Scan) ?>
  <section class="scroll" tabindex="0" aria-label="<?cs var:L.gates.offline.title ?>">
  <table class="list">
    <thead><tr><th><?cs var:L.gates.offline.scanned_at ?></th><th><?cs var:L.gates.offline.person ?></th><th><?cs var:L.gates.gate ?></th><th><?cs var:L.gates.offline.result ?></th><th><?cs var:L.gates.offline.flag ?></th><th><?cs var:L.gates.offline.uploaded_at ?></th></tr></thead>
    <tbody>
    <?cs each:o = Offline.Scan ?>
    <tr id="offline-<?cs var:o.id ?>" class="offline-<?cs var:o.result ?><?cs if:o.flag ?> offline-flagged<?cs /if ?>" data-flag="<?cs var:o.flag ?>" data-arrived="<?cs var:o.arrived ?>">
      <td><?cs var:o.scanned_at ?></td><td><?cs var:o.person ?> <span class="small"><?cs var:o.number ?></span></td>
      <td><?cs var:o.gate ?> <span class="small"><?cs var:o.device ?></span></td>
      <td><?cs var:L.scan.result[o.result] ?><?cs if:o.arrived == "1" ?> <span class="small"><?cs var:L.gates.offline.arrived ?></span><?cs /if ?></td>
      <td><?cs if:o.flag ?><strong><?cs var:L.gates.offline.flagged ?></strong> <?cs var:L.scan.why[o.flag] ?><?cs /if ?></td>
      <td><?cs var:o.uploaded_at ?></td></tr>
    <?cs /each ?>
    </tbody>
  </table>
  </section>
  <?cs else ?>
  <p class="small"><?cs var:L.gates.offline.none ?></p>
  <?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
