<?cs include:"macros.cs" ?>
<?cs set:Page.Title = L.org.title ?>
<?cs include:"header.cs" ?>
<section class="panel">
  <h1><?cs var:L.org.title ?></h1>
  <?cs if:Query.saved ?><p class="message" role="status" id="org-saved"><?cs var:L.org.saved ?></p><?cs /if ?>
  <div class="table-wrap">
  <table class="list" id="org-tree">
    <thead><tr><th scope="col"><?cs var:L.org.code ?></th><th scope="col"><?cs var:L.org.name ?></th><th scope="col"><?cs var:L.org.kind ?></th><th scope="col"><?cs var:L.org.people ?></th><th scope="col"><span class="vh"><?cs var:L.app.col_actions ?></span></th></tr></thead>
    <tbody>
    <?cs each:u = Org.Unit ?>
    <tr id="unit-<?cs var:u.id ?>" class="depth-<?cs var:u.depth ?><?cs if:u.retired == "1" ?> retired<?cs /if ?>">
      <td><?cs var:u.code ?></td>
      <th scope="row" class="depth-<?cs var:u.depth ?>"><?cs var:u.name ?><?cs if:u.retired == "1" ?> <span class="tag"><?cs if:u.merged_into != "0" ?><?cs var:L.org.merged ?><?cs else ?><?cs var:L.org.retired ?><?cs /if ?></span><?cs /if ?></th>
      <td><?cs var:L.org.kinds[u.kind] ?></td>
      <td><?cs var:u.people ?></td>
      <td><a href="<?cs var:Site.Prefix ?>/org/edit?id=<?cs var:u.id ?>"><?cs var:L.org.edit ?><span class="vh"> <?cs var:u.name ?></span></a></td>
    </tr>
    <?cs /each ?>
    </tbody>
  </table>
  </div>
</section>

<section class="panel">
  <h2><?cs var:L.org.add ?></h2>
  <?cs if:Form.Error.form ?><p class="message bad" role="alert"><?cs var:Form.Error.form ?></p><?cs /if ?>
  <form method="post" action="<?cs var:Site.Prefix ?>/org/add" id="org-add">
    <?cs call:csrf_field() ?>
    <div class="field<?cs if:Form.Error.kind ?> bad<?cs /if ?>">
      <label for="f-kind"><?cs var:L.form.org.kind ?></label>
      <select id="f-kind" name="kind">
        <?cs if:Org.School ?><option value="college"<?cs if:Form.Value.kind == "college" ?> selected<?cs /if ?>><?cs var:L.org.kinds.college ?></option><?cs /if ?>
        <option value="major"<?cs if:Form.Value.kind == "major" ?> selected<?cs /if ?>><?cs var:L.org.kinds.major ?></option>
        <option value="class"<?cs if:Form.Value.kind == "class" || !Form.Value.kind ?> selected<?cs /if ?>><?cs var:L.org.kinds.class ?></option>
      </select>
      <?cs if:Form.Error.kind ?><p class="error-text"><?cs var:Form.Error.kind ?></p><?cs /if ?>
    </div>
    <div class="field<?cs if:Form.Error.parent_id ?> bad<?cs /if ?>">
      <label for="f-parent"><?cs var:L.form.org.parent_id ?></label>
      <select id="f-parent" name="parent_id">
        <option value=""><?cs var:L.org.no_parent ?></option>
        <?cs each:p = Org.Parent ?><option value="<?cs var:p.id ?>"<?cs if:Form.Value.parent_id == p.id ?> selected<?cs /if ?>><?cs if:p.kind == "major" ?>— <?cs /if ?><?cs var:p.code ?> <?cs var:p.name ?></option><?cs /each ?>
      </select>
      <?cs if:Form.Error.parent_id ?><p class="error-text"><?cs var:Form.Error.parent_id ?></p><?cs /if ?>
    </div>
    <?cs call:text_field("code", 32, 1, L.form.org.code) ?>
    <?cs call:text_field("name", 100, 1, L.form.org.name) ?>
    <button type="submit" class="primary"><?cs var:L.org.add_submit ?></button>
  </form>
</section>
<?cs include:"footer.cs" ?>
