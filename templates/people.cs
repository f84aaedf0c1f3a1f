<?cs include:"macros.cs" ?>
<?cs set:Page.Title = L.people.title ?>
<?cs include:"header.cs" ?>
<section class="panel">
  <h1><?cs var:L.people.title ?></h1>
  <?cs if:Query.done == "deleted" ?><p class="message" role="status" id="people-done"><?cs var:L.people.done.deleted ?></p><?cs /if ?>
  <form method="get" action="/people" class="row-form" role="search">
    <div class="field<?cs if:Form.Error.q ?> bad<?cs /if ?>">
      <label for="f-q"><?cs var:L.form.search.q ?></label>
      <input id="f-q" name="q" type="search" maxlength="64" value="<?cs var:Form.Value.q ?>">
      <?cs if:Form.Error.q ?><p class="error-text"><?cs var:Form.Error.q ?></p><?cs /if ?>
    </div>
    <button type="submit" class="primary"><?cs var:L.people.search ?></button>
  </form>
  <p><a href="/people/new" id="people-new"><?cs var:L.people.new ?></a><?cs if:Who.Is.Admin || Who.Is.CollegeAdmin ?> · <a href="/people/import" id="people-import"><?cs var:L.pimport.link ?></a><?cs /if ?></p>
</section>
<?cs if:Form.Value.q ?>
<section class="panel">
  <h2><?cs var:L.people.found ?> <span id="people-total"><?cs alt:People.Total ?>0<?cs /alt ?></span></h2>
  <?cs if:People.Total > 0 ?>
  <div class="table-wrap">
  <table class="list" id="people-list">
    <thead><tr><th scope="col"><?cs var:L.form.person.number ?></th><th scope="col"><?cs var:L.form.person.name ?></th><th scope="col"><?cs var:L.form.person.identity ?></th><th scope="col"><?cs var:L.people.college ?></th><th scope="col"><?cs var:L.people.class ?></th><th scope="col"><?cs var:L.form.person.status ?></th><th scope="col"><?cs var:L.people.account ?></th></tr></thead>
    <tbody>
    <?cs each:p = People.Row ?>
    <tr data-id="<?cs var:p.id ?>"><td><?cs var:p.number ?></td><td><a href="/people/edit?id=<?cs var:p.id ?>"><?cs var:p.name ?></a></td>
      <td><?cs var:L.form.person.identity[p.identity] ?></td><td><?cs var:p.college ?></td><td><?cs var:p.class ?></td>
      <td><?cs var:L.form.person.status[p.status] ?></td>
      <td><?cs if:!p.login ?><?cs var:L.people.no_account ?><?cs elif:p.disabled == "1" ?><?cs var:L.people.disabled ?><?cs else ?><?cs var:p.login ?><?cs /if ?></td></tr>
    <?cs /each ?>
    </tbody>
  </table>
  </div>
  <nav class="pager" aria-label="<?cs var:L.people.pages ?>">
    <?cs if:People.Prev ?><a href="/people?q=<?cs var:url_escape(Form.Value.q) ?>&amp;page=<?cs var:People.Prev ?>" rel="prev"><?cs var:L.people.prev ?></a><?cs /if ?>
    <span><?cs var:L.people.page ?> <?cs var:People.Page ?></span>
    <?cs if:People.Next ?><a href="/people?q=<?cs var:url_escape(Form.Value.q) ?>&amp;page=<?cs var:People.Next ?>" rel="next" id="people-next"><?cs var:L.people.next ?></a><?cs /if ?>
  </nav>
  <?cs /if ?>
</section>
<?cs /if ?>
<?cs include:"footer.cs" ?>
