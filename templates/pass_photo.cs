<?cs # 证件照: one's ID photo for the building pass (the entrance's answer
     shows it), the reviewer's reason when rejected, the uploads left this
     term, the upload form. ?>
<?cs include:"macros.cs" ?>
<?cs set:Page.Title = L.photo.title ?>
<?cs include:"header.cs" ?>
<section class="panel">
  <h1><?cs var:L.photo.title ?></h1>
  <p class="small"><?cs var:L.photo.intro ?></p>
  <?cs if:Query.saved ?><p class="message" role="status" id="photo-saved"><?cs var:L.photo.saved ?></p><?cs /if ?>
  <?cs if:Photo.Mine.id ?>
  <figure class="photo" id="photo-mine" data-state="<?cs var:Photo.Mine.state ?>">
    <img src="<?cs var:Site.Prefix ?><?cs var:Photo.Mine.link ?>" alt="<?cs var:L.photo.alt ?>" width="150">
    <figcaption class="small"><?cs var:Photo.Mine.uploaded ?> · <?cs var:Photo.Mine.width ?>×<?cs var:Photo.Mine.height ?></figcaption>
  </figure>
  <?cs if:Photo.Mine.state == "rejected" ?>
  <p class="message bad" role="alert" id="photo-rejected"><?cs var:L.photo.rejected ?> <q><?cs var:Photo.Mine.reject_reason ?></q></p>
  <?cs /if ?>
  <?cs else ?>
  <p id="photo-none"><?cs var:L.photo.none ?></p>
  <?cs /if ?>
  <p id="photo-left" data-left="<?cs var:Photo.Left ?>"><?cs var:L.photo.left ?> <?cs var:Photo.Left ?> / <?cs var:Photo.PerTerm ?></p>
  <?cs if:Form.Error.file ?><p class="message bad" role="alert" id="photo-error"><?cs var:Form.Error.file ?></p><?cs /if ?>
  <?cs if:Photo.Left > 0 ?>
  <form method="post" action="<?cs var:Site.Prefix ?>/pass/photo" enctype="multipart/form-data" class="upload" id="photo-form">
    <?cs call:csrf_field() ?>
    <div class="field<?cs if:Form.Error.file ?> bad<?cs /if ?>"><label for="photo-file"><?cs var:L.photo.file ?></label>
      <input type="file" id="photo-file" name="file" accept="image/jpeg,image/png" required>
      <p class="small"><?cs var:L.photo.rules ?> <?cs var:Photo.MaxKiB ?> KiB · <?cs var:Photo.MinSide ?>–<?cs var:Photo.MaxSide ?> px</p></div>
    <button type="submit" class="primary"><?cs var:L.photo.upload ?></button>
  </form>
  <?cs /if ?>
  <p><a href="<?cs var:Site.Prefix ?>/pass"><?cs var:L.pass.title ?></a></p>
</section>
<?cs include:"footer.cs" ?>
