<?cs # A4: the gate's code for students to open with their phones. ?>
<?cs set:Page.Title = Print.Gate.name ?>
<?cs include:"header.cs" ?>
<section class="print-sheet">
  <h1><?cs var:Page.School ?></h1>
  <p class="print-gate"><?cs var:Print.Gate.name ?></p>
  <img src="<?cs var:Print.Qr ?>" alt="<?cs var:Print.Gate.name ?>" width="420" height="420">
  <p class="print-url"><?cs var:Print.Url ?></p>
  <p class="print-howto"><?cs if:Print.Gate.kind == "dorm" ?><?cs var:L.gates.print_howto_dorm ?><?cs else ?><?cs var:L.gates.print_howto ?><?cs /if ?></p>
  <p class="small no-print"><?cs var:L.gates.print_note ?></p>
</section>
<?cs include:"footer.cs" ?>
