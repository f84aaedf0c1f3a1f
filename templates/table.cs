<?cs include:"macros.cs" ?>
<?cs set:Page.Title = L.table.title ?>
<?cs include:"header.cs" ?>
<?cs def:yes_no(n) ?>
  <label><?cs var:L.table.f[n] ?> <select name="<?cs var:n ?>">
    <option value=""><?cs var:L.table.any ?></option>
    <option value="1"<?cs if:Query[n] == "1" ?> selected<?cs /if ?>><?cs var:L.table.yes ?></option>
    <option value="0"<?cs if:Query[n] == "0" ?> selected<?cs /if ?>><?cs var:L.table.no ?></option>
  </select></label>
<?cs /def ?>
<?cs # A from/to pair: one field of two dates, on one line. ?>
<?cs def:day_range(lo, hi, label) ?>
  <fieldset class="pair"><legend><?cs var:label ?></legend>
  <label><?cs var:L.table.from ?> <input type="date" name="<?cs var:lo ?>" value="<?cs var:Query[lo] ?>"></label>
  <label><?cs var:L.table.to ?> <input type="date" name="<?cs var:hi ?>" value="<?cs var:Query[hi] ?>"></label>
  </fieldset>
<?cs /def ?>
<?cs # An accepted filter in words, for the summary of the closed filters. ?>
<?cs def:filter_value(k, v) ?><?cs if:k == "college" ?><?cs each:c = Table.Colleges ?><?cs if:c.id == v ?><?cs var:c.name ?><?cs /if ?><?cs /each ?><?cs elif:k == "identity" ?><?cs var:L.identity[v] ?><?cs elif:k == "app" ?><?cs var:L.table.app[v] ?><?cs elif:k == "card" ?><?cs var:L.card.state[v] ?><?cs elif:v == "1" && k != "name" && k != "number" ?><?cs var:L.table.yes ?><?cs elif:v == "0" && k != "name" && k != "number" ?><?cs var:L.table.no ?><?cs else ?><?cs var:v ?><?cs /if ?><?cs /def ?>
<?cs def:sort_link(key) ?><a href="<?cs var:Site.Prefix ?>/table?<?cs var:Table.Query ?>&amp;sort=<?cs var:key ?>&amp;dir=<?cs if:Table.Sort == key && Table.Dir == "asc" ?>desc<?cs else ?>asc<?cs /if ?>"<?cs if:Table.Sort == key ?> class="sorted-<?cs var:Table.Dir ?>"<?cs /if ?>><?cs var:L.table.col[key] ?></a><?cs /def ?>
<?cs def:yn(v) ?><?cs if:v == "1" ?><?cs var:L.table.yes ?><?cs else ?><?cs var:L.table.no ?><?cs /if ?><?cs /def ?>
<section class="panel<?cs if:Table.Print ?> print-view<?cs /if ?>">
<h1><?cs var:L.table.title ?></h1>
<?cs if:Table.Message ?><p class="message bad" role="alert"><?cs var:Table.Message ?></p><?cs /if ?>
<?cs if:Table.FilterMessage ?><p class="message bad" role="alert" id="filter-message"><?cs var:Table.FilterMessage ?></p><?cs /if ?>
<?cs if:Table.RangeMessage ?><p class="message bad" role="alert" id="range-message"><?cs var:Table.RangeMessage ?></p><?cs /if ?>
<?cs if:Table.SortMessage ?><p class="message bad" role="alert" id="sort-message"><?cs var:Table.SortMessage ?></p><?cs /if ?>
<?cs if:Table.PageMessage ?><p class="message bad" role="alert" id="page-message"><?cs var:Table.PageMessage ?></p><?cs /if ?>
<?cs if:Query.edited ?><p class="message" id="edited"><?cs var:L.table.edit.saved ?></p><?cs /if ?>
<?cs if:!Table.Print ?>
<details class="filters"<?cs if:Table.FilterMessage || Table.RangeMessage ?> open<?cs /if ?>>
<summary><span class="filter-label"><?cs var:L.table.filters ?></span>
  <?cs if:subcount(Table.Keep) > 0 ?><span id="active-filters"><?cs each:k = Table.Keep ?><span class="tag"><?cs var:L.table.f[k.k] ?>: <?cs call:filter_value(k.k, k.v) ?></span><?cs /each ?></span>
  <?cs else ?><span class="small" id="active-filters"><?cs var:L.table.no_filters ?></span><?cs /if ?></summary>
<form method="get" action="<?cs var:Site.Prefix ?>/table" class="filters">
  <label><?cs var:L.table.f.term ?> <select name="term">
    <?cs each:t = Table.Terms ?><option value="<?cs var:t.id ?>"<?cs if:Table.Term == t.id ?> selected<?cs /if ?>><?cs var:t.name ?></option><?cs /each ?>
  </select></label>
  <label><?cs var:L.table.f.college ?> <select name="college">
    <option value=""><?cs var:L.table.any ?></option>
    <?cs each:c = Table.Colleges ?><option value="<?cs var:c.id ?>"<?cs if:Query.college == c.id ?> selected<?cs /if ?>><?cs var:c.name ?></option><?cs /each ?>
  </select></label>
  <label><?cs var:L.table.f.name ?> <input type="text" name="name" maxlength="64" value="<?cs var:Query.name ?>"></label>
  <label><?cs var:L.table.f.number ?> <input type="text" name="number" maxlength="32" value="<?cs var:Query.number ?>"></label>
  <label><?cs var:L.table.f.identity ?> <select name="identity">
    <option value=""><?cs var:L.table.any ?></option>
    <?cs each:i = L.identity ?><option value="<?cs name:i ?>"<?cs if:Query.identity == name(i) ?> selected<?cs /if ?>><?cs var:i ?></option><?cs /each ?>
  </select></label>
  <?cs call:day_range("sub_from", "sub_to", L.table.f.sub_from) ?>
  <?cs call:yes_no("boarding") ?>
  <?cs call:yes_no("city14") ?>
  <?cs call:yes_no("pickup") ?>
  <?cs call:yes_no("tested") ?>
  <?cs call:day_range("allow_from", "allow_to", L.table.f.allow_from) ?>
  <?cs call:day_range("due_from", "due_to", L.table.f.due_from) ?>
  <label><?cs var:L.table.f.app ?> <select name="app">
    <option value=""><?cs var:L.table.any ?></option>
    <?cs each:a = Table.AppStates ?><option value="<?cs var:a ?>"<?cs if:Query.app == a ?> selected<?cs /if ?>><?cs var:L.table.app[a] ?></option><?cs /each ?>
  </select></label>
  <label><?cs var:L.table.f.card ?> <select name="card">
    <option value=""><?cs var:L.table.any ?></option>
    <?cs each:s = Table.CardStates ?><option value="<?cs var:s ?>"<?cs if:Query.card == s ?> selected<?cs /if ?>><?cs var:L.card.state[s] ?></option><?cs /each ?>
  </select></label>
  <?cs call:yes_no("quiz") ?>
  <?cs call:yes_no("travelled") ?>
  <?cs call:yes_no("arrived") ?>
  <?cs call:day_range("arr_from", "arr_to", L.table.f.arr_from) ?>
  <?cs call:yes_no("moved") ?>
  <input type="hidden" name="sort" value="<?cs var:Table.Sort ?>">
  <input type="hidden" name="dir" value="<?cs var:Table.Dir ?>">
  <p class="actions"><button type="submit" class="primary"><?cs var:L.table.search ?></button>
  <a href="<?cs var:Site.Prefix ?>/table?term=<?cs var:Table.Term ?>"><?cs var:L.table.reset ?></a></p>
</form>
</details>
<?cs /if ?>
</section>

<section class="panel">
<p class="total"><?cs var:L.table.total ?> <strong id="total"><?cs var:Table.Total ?></strong> <?cs var:L.table.rows ?>
  · <?cs var:L.table.page ?> <span id="page"><?cs var:Table.Page ?></span> / <span id="pages"><?cs var:Table.Pages ?></span>
  <?cs if:!Table.Print ?>· <a href="<?cs var:Site.Prefix ?>/table?<?cs var:Table.Query ?>&amp;sort=<?cs var:Table.Sort ?>&amp;dir=<?cs var:Table.Dir ?>&amp;page=<?cs var:Table.Page ?>&amp;print=1" id="print-link"><?cs var:L.table.print ?></a><?cs /if ?></p>
<?cs if:Table.Empty == "filtered" ?><p class="message" id="table-empty"><?cs var:L.table.empty_filtered ?> <a href="<?cs var:Site.Prefix ?>/table?term=<?cs var:Table.Term ?>"><?cs var:L.table.reset ?></a></p>
<?cs elif:Table.Empty == "roster" ?><p class="message" id="table-empty"><?cs var:L.table.empty_roster ?></p><?cs /if ?>
<?cs if:Table.Print ?><p class="small noprint"><?cs var:L.table.print_hint ?> <a href="<?cs var:Site.Prefix ?>/table?<?cs var:Table.Query ?>&amp;sort=<?cs var:Table.Sort ?>&amp;dir=<?cs var:Table.Dir ?>&amp;page=<?cs var:Table.Page ?>"><?cs var:L.table.back ?></a></p><?cs /if ?>
<form method="get" action="<?cs var:Site.Prefix ?>/table/export">
<input type="hidden" name="term" value="<?cs var:Table.Term ?>">
<?cs each:k = Table.Keep ?><input type="hidden" name="<?cs var:k.k ?>" value="<?cs var:k.v ?>"><?cs /each ?>
<input type="hidden" name="sort" value="<?cs var:Table.Sort ?>">
<input type="hidden" name="dir" value="<?cs var:Table.Dir ?>">
<?cs if:!Table.Print ?>
<p class="actions exports">
  <button type="submit" name="fmt" value="xlsx"><?cs var:L.table.export_all ?> (.xlsx)</button>
  <button type="submit" name="fmt" value="csv"><?cs var:L.table.export_all ?> (.csv)</button>
  <button type="submit" name="sel" value="xlsx"><?cs var:L.table.export_sel ?> (.xlsx)</button>
  <button type="submit" name="sel" value="csv"><?cs var:L.table.export_sel ?> (.csv)</button>
</p>
<?cs /if ?>
<div class="scroll bigtable-wrap">
<table class="list bigtable" id="bigtable">
<thead><tr>
  <th class="stick s0"><?cs var:L.table.col.select ?></th>
  <th class="stick s1"><?cs call:sort_link("number") ?></th>
  <th class="stick s2"><?cs call:sort_link("name") ?></th>
  <th><?cs var:L.table.col.seq ?></th>
  <?cs if:Table.CanEdit && !Table.Print ?><th><?cs var:L.table.col.edit ?></th><?cs /if ?>
  <th><?cs call:sort_link("college") ?></th>
  <th><?cs var:L.table.col.identity ?></th>
  <th><?cs var:L.table.col.quiz ?></th>
  <th><?cs call:sort_link("app") ?></th>
  <th><?cs call:sort_link("card") ?></th>
  <th><?cs call:sort_link("allowed_from") ?></th>
  <th><?cs call:sort_link("allowed_until") ?></th>
  <th><?cs var:L.table.col.city14 ?></th>
  <th><?cs var:L.table.col.boarding ?></th>
  <th><?cs var:L.table.col.pickup ?></th>
  <th><?cs var:L.table.col.tested ?></th>
  <th><?cs call:sort_link("submitted") ?></th>
  <th><?cs var:L.table.col.travelled ?></th>
  <th><?cs call:sort_link("arrived") ?></th>
  <th><?cs var:L.table.col.gate ?></th>
  <th><?cs var:L.table.col.moved ?></th>
  <th><?cs var:L.table.col.counselor ?></th>
  <th><?cs var:L.table.col.id_card ?></th>
</tr></thead>
<tbody>
<?cs each:p = Table.Row ?>
<tr data-number="<?cs var:p.number ?>">
  <td class="stick s0"><input type="checkbox" name="id" value="<?cs var:p.id ?>" aria-label="<?cs var:p.name ?>"></td>
  <td class="stick s1 num"><?cs var:p.number ?></td>
  <td class="stick s2"><?cs if:Table.Print ?><?cs var:p.name ?><?cs else ?><a href="<?cs var:Site.Prefix ?>/person?id=<?cs var:p.id ?>"><?cs var:p.name ?></a><?cs /if ?></td>
  <td><?cs var:p.seq ?></td>
  <?cs if:Table.CanEdit && !Table.Print ?><td><?cs if:p.app != "none" ?><a href="<?cs var:Site.Prefix ?>/table/edit?person=<?cs var:p.id ?>&amp;term=<?cs var:Table.Term ?>"><?cs var:L.table.col.edit ?></a><?cs /if ?></td><?cs /if ?>
  <td><?cs var:p.college ?></td>
  <td><?cs var:L.identity[p.identity] ?></td>
  <td><?cs if:p.quiz == "1" ?><?cs var:L.table.quiz.done ?><?cs else ?><?cs var:L.table.quiz.todo ?><?cs /if ?></td>
  <td class="app app-<?cs var:p.app ?>"><?cs var:L.table.app[p.app] ?></td>
  <td><span class="state state-<?cs var:p.card ?>"><?cs var:L.card.state[p.card] ?></span></td>
  <td><?cs var:p.allowed_from ?></td>
  <td><?cs var:p.allowed_until ?></td>
  <td><?cs call:yn(p.city14) ?></td>
  <td><?cs call:yn(p.boarding) ?></td>
  <td><?cs call:yn(p.pickup) ?></td>
  <td><?cs call:yn(p.tested) ?></td>
  <td><?cs var:p.submitted_at ?></td>
  <td><?cs call:yn(p.travelled) ?></td>
  <td><?cs var:p.arrived_at ?></td>
  <td><?cs var:p.gate ?></td>
  <td><?cs call:yn(p.moved) ?></td>
  <td><?cs var:p.counselor ?></td>
  <td><?cs var:p.id_card ?></td>
</tr>
<?cs /each ?>
</tbody>
</table>
</div>
</form>
<?cs if:!Table.Print ?>
<nav class="pager" aria-label="<?cs var:L.table.page ?>">
<?cs if:Table.PrevPage ?><a rel="prev" href="<?cs var:Site.Prefix ?>/table?<?cs var:Table.Query ?>&amp;sort=<?cs var:Table.Sort ?>&amp;dir=<?cs var:Table.Dir ?>&amp;page=<?cs var:Table.PrevPage ?>"><?cs var:L.table.prev ?></a><?cs /if ?>
<span><?cs var:Table.Page ?> / <?cs var:Table.Pages ?></span>
<?cs if:Table.NextPage ?><a rel="next" href="<?cs var:Site.Prefix ?>/table?<?cs var:Table.Query ?>&amp;sort=<?cs var:Table.Sort ?>&amp;dir=<?cs var:Table.Dir ?>&amp;page=<?cs var:Table.NextPage ?>"><?cs var:L.table.next ?></a><?cs /if ?>
</nav>
<?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
