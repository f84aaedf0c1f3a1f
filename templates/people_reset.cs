<?cs include:"macros.cs" ?>
<?cs set:Page.Title = L.people.reset_title ?>
<?cs include:"header.cs" ?>
<section class="panel">
  <h1><?cs var:L.people.reset_title ?></h1>
  <p><?cs var:Reset.Person.name ?> <?cs var:Reset.Person.number ?> (<?cs var:Reset.Person.login ?>)</p>
  <p class="message" role="status"><?cs var:L.people.reset_once ?></p>
  <p><code id="reset-link"><?cs var:Reset.Url ?></code></p>
  <p><a href="<?cs var:Site.Prefix ?>/people/edit?id=<?cs var:Reset.Person.id ?>"><?cs var:L.people.back_person ?></a></p>
</section>
<?cs include:"footer.cs" ?>
