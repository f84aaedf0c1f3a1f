<?cs # The building pass (健康出入证): 我要进 / 我要出, an entrance, and the
     QR for it, drawn anew every 30 s. ?>
<?cs set:Page.Title = L.pass.title ?>
<?cs include:"header.cs" ?>
<section class="panel pass">
  <h1><?cs var:L.pass.title ?></h1>
  <p class="card-line" data-colour="<?cs var:Card.Colour ?>"><span class="small"><?cs var:L.scan.card ?></span> <strong id="pass-card" data-state="<?cs var:Card.State ?>"><?cs var:Card.Title ?></strong></p>
  <?cs if:Pass.Refused ?>
  <p class="message bad" role="alert" id="pass-refused" data-reason="<?cs var:Pass.Refused ?>"><?cs var:Pass.Building ?> · <?cs var:L.pass.direction[Pass.Direction] ?>: <?cs var:L.scan.why[Pass.Refused] ?></p>
  <?cs elif:Pass.Entrance ?>
  <figure class="qr">
    <img id="pass-qr" src="<?cs var:Site.Prefix ?>/pass/qr?entrance=<?cs var:Pass.Entrance ?>&amp;dir=<?cs var:Pass.Direction ?>&amp;n=<?cs var:Pass.QrStamp ?>"
      data-src="<?cs var:Site.Prefix ?>/pass/qr?entrance=<?cs var:Pass.Entrance ?>&amp;dir=<?cs var:Pass.Direction ?>&amp;"
      width="240" height="240" alt="<?cs var:L.pass.qr_alt ?>" data-refresh="<?cs var:Page.Refresh ?>">
    <figcaption class="qr-note"><strong id="pass-where"><?cs var:L.pass.direction[Pass.Direction] ?> · <?cs var:Pass.Building ?></strong>
      <br><span class="small"><?cs var:L.card.qr_rotates ?></span></figcaption>
  </figure>
  <?cs /if ?>
  <?cs if:!Pass.Holder ?>
  <p class="message" id="no-pass" data-why="<?cs var:Pass.Why ?>"><?cs var:L.pass.why[Pass.Why] ?></p>
  <?cs /if ?>
  <?cs if:subcount(Pass.Choice) == 0 ?>
  <p id="no-entrances"><?cs var:L.pass.no_entrances ?></p>
  <?cs else ?>
  <form method="get" action="<?cs var:Site.Prefix ?>/pass" id="pass-form">
    <fieldset class="field"><legend><?cs var:L.pass.direction_label ?></legend>
      <label class="choice"><input type="radio" name="dir" value="in"<?cs if:Pass.Direction != "out" ?> checked<?cs /if ?>> <?cs var:L.pass.direction.in ?></label>
      <label class="choice"><input type="radio" name="dir" value="out"<?cs if:Pass.Direction == "out" ?> checked<?cs /if ?>> <?cs var:L.pass.direction.out ?></label>
    </fieldset>
    <div class="field"><label for="pass-entrance"><?cs var:L.pass.entrance ?></label>
      <select id="pass-entrance" name="entrance">
      <?cs each:c = Pass.Choice ?><option value="<?cs var:c.id ?>"<?cs if:c.id == Pass.Entrance ?> selected<?cs /if ?>><?cs var:c.name ?><?cs if:c.may != "1" ?> (<?cs var:L.pass.not_for_you ?>)<?cs elif:c.restricted == "1" ?> (<?cs var:L.pass.restricted ?>)<?cs /if ?></option><?cs /each ?>
      </select></div>
    <button type="submit" class="primary"><?cs var:L.pass.submit ?></button>
  </form>
  <?cs /if ?>
  <p class="small"><?cs var:L.pass.howto ?></p>
  <p><a href="<?cs var:Site.Prefix ?>/pass/temp" id="to-temp"><?cs var:L.pass.temp_link ?></a> · <a href="<?cs var:Site.Prefix ?>/pass/photo" id="to-photo"><?cs var:L.photo.title ?></a></p>
</section>
<?cs include:"footer.cs" ?>
