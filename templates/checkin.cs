<?cs include:"macros.cs" ?>
<?cs if:Checkin.OnCampus ?><?cs set:Page.Title = L.checkin.campus_title ?><?cs else ?><?cs set:Page.Title = L.checkin.title ?><?cs /if ?>
<?cs include:"header.cs" ?>
<?cs call:checkin_nav("report") ?>
<section class="panel">
<h1<?cs if:Checkin.OnCampus ?> id="on-campus"<?cs /if ?>><?cs var:Page.Title ?> · <?cs var:Checkin.Day ?></h1>
<?cs if:Checkin.OnCampus ?><p class="small"><?cs var:L.checkin.campus_note ?></p><?cs /if ?>
<?cs if:Query.saved == "basic" ?><p class="message" role="status" id="basic-saved"><?cs var:L.checkin.basic_saved ?></p><?cs /if ?>
<?cs call:sent_back_notice() ?>
<?cs if:Checkin.Resubmit ?>
  <p class="message bad"><?cs var:L.checkin.sent_back ?><?cs if:Checkin.Report.verify_reason ?> <q><?cs var:Checkin.Report.verify_reason ?></q><?cs /if ?></p>
<?cs /if ?>
<?cs if:Checkin.Bulk ?>
  <p class="message bad" id="bulk-note"><?cs var:L.bulk.checkin_note ?> <?cs var:Checkin.Report.bulk_by ?> (<?cs var:Checkin.Report.at ?>): <?cs var:L.bulk.unconfirmed ?>. <?cs var:L.bulk.checkin_replace ?></p>
<?cs /if ?>
<?cs if:Checkin.QuickFrom ?>
  <p class="message"><?cs var:L.checkin.quick_from ?> <?cs var:Checkin.QuickFrom ?><?cs var:L.checkin.quick_check ?></p>
<?cs elif:!Form.Errors && !Checkin.Makeup ?>
  <p><a class="button" href="<?cs var:Site.Prefix ?>/checkin?quick=1<?cs if:Checkin.Resubmit ?>&amp;day=<?cs var:Checkin.Day ?><?cs /if ?>"><?cs var:L.checkin.quick ?></a></p>
<?cs /if ?>
<?cs if:Form.Errors ?><p class="message bad" role="alert"><?cs var:L.checkin.fix_errors ?></p><?cs /if ?>
<?cs if:Checkin.Makeup ?><p class="message"><?cs var:L.makeup.filling ?></p><?cs /if ?>
<form method="post" action="<?cs var:Site.Prefix ?><?cs if:Checkin.Makeup ?>/makeup/fill<?cs else ?>/checkin<?cs /if ?>">
  <?cs call:csrf_field() ?>
  <?cs if:Checkin.Resubmit || Checkin.Makeup ?><input type="hidden" name="day" value="<?cs var:Checkin.Day ?>"><?cs /if ?>
  <?cs call:form_fields() ?>
  <?cs call:question_fields() ?>
  <?cs if:!Checkin.Makeup ?><?cs call:position_field() ?><?cs /if ?>
  <button type="submit" class="primary"><?cs if:Checkin.Makeup ?><?cs var:L.makeup.submit_fill ?><?cs elif:Checkin.Resubmit ?><?cs var:L.checkin.submit_day ?><?cs else ?><?cs var:L.checkin.submit ?><?cs /if ?></button>
</form>
</section>
<?cs call:basic_info() ?>
<?cs include:"footer.cs" ?>
