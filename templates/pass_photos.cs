<?cs # The current ID photos in the reviewer's scope: reject a
     non-compliant one with a reason (the student sees it). ?>
<?cs include:"macros.cs" ?>
<?cs set:Page.Title = L.photo.review_title ?>
<?cs include:"header.cs" ?>
<section class="panel">
  <h1><?cs var:L.photo.review_title ?></h1>
  <p class="small"><?cs var:L.photo.review_intro ?></p>
  <?cs if:Query.rejected ?><p class="message" role="status" id="photo-rejected-done"><?cs var:L.photo.rejected_done ?></p><?cs /if ?>
  <?cs if:Form.Errors ?><p class="message bad" role="alert" id="reject-error"><?cs var:L.photo.reason_needed ?></p><?cs /if ?>
  <?cs if:subcount(Photos.Row) == 0 ?><p id="no-photos"><?cs var:L.photo.no_photos ?></p><?cs else ?>
  <ul class="photos">
  <?cs each:p = Photos.Row ?>
  <li id="photo-<?cs var:p.id ?>">
    <img src="<?cs var:Site.Prefix ?><?cs var:p.link ?>" alt="<?cs var:p.name ?>" width="120">
    <p><strong><?cs var:p.name ?></strong> <span class="small"><?cs var:p.number ?> · <?cs var:p.uploaded ?> · <?cs var:p.width ?>×<?cs var:p.height ?></span></p>
    <form method="post" action="<?cs var:Site.Prefix ?>/pass/photo_reject" class="row-form">
      <?cs call:csrf_field() ?>
      <input type="hidden" name="id" value="<?cs var:p.id ?>">
      <label><?cs var:L.form.photo_reject.reason ?> <input type="text" name="reason" maxlength="200" required></label>
      <button type="submit"><?cs var:L.photo.reject ?></button>
    </form>
  </li>
  <?cs /each ?>
  </ul>
  <?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
