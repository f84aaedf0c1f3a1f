<?cs include:"macros.cs" ?>
<?cs set:Page.Title = L.home.title ?>
<?cs include:"header.cs" ?>
<section class="panel">
<h1><?cs var:L.home.hello ?><?cs var:Who.Name ?></h1>
<p class="small"><?cs var:L.home.roles ?>
<?cs if:Who.Is.Student ?><span class="tag"><?cs var:L.role.student ?></span><?cs /if ?>
<?cs if:Who.Is.Staff ?><span class="tag"><?cs var:L.role.staff ?></span><?cs /if ?>
<?cs if:Who.Is.Counselor ?><span class="tag"><?cs var:L.role.counselor ?></span><?cs /if ?>
<?cs if:Who.Is.Reviewer ?><span class="tag"><?cs var:L.role.reviewer ?></span><?cs /if ?>
<?cs if:Who.Is.Admin ?><span class="tag"><?cs var:L.role.admin ?></span><?cs /if ?>
<?cs if:Who.Is.Gate ?><span class="tag"><?cs var:L.role.gate ?></span><?cs /if ?>
<?cs if:Who.Is.Dorm ?><span class="tag"><?cs var:L.role.dorm ?></span><?cs /if ?>
<?cs if:Who.Is.CollegeAdmin ?><span class="tag"><?cs var:L.role.college_admin ?></span><?cs /if ?>
<?cs if:Who.Is.DeptHead ?><span class="tag"><?cs var:L.role.dept_head ?></span><?cs /if ?>
</p>
<ul class="links">
  <?cs call:staff_links() ?>
  <?cs if:Home.Collects ?><li><a href="<?cs var:Site.Prefix ?>/collect" id="home-collect"><?cs var:L.home.collect ?></a></li><?cs /if ?>
  <li><a href="<?cs var:Site.Prefix ?>/checkin"><?cs var:L.home.checkin ?></a></li>
  <?cs if:Who.Is.Staff ?><li><a href="<?cs var:Site.Prefix ?>/return"><?cs var:L.home.my_return ?></a></li><?cs /if ?>
  <li><a href="<?cs var:Site.Prefix ?>/card"><?cs var:L.home.my_card ?></a></li>
  <li><a href="<?cs var:Site.Prefix ?>/phone"><?cs var:L.phone.title ?></a></li>
</ul>
</section>
<?cs if:Home.Todo ?>
<section class="panel" id="todo" aria-labelledby="todo-h">
<h2 id="todo-h"><?cs var:L.notices.todo ?></h2>
<ul class="links todo-counts">
<?cs each:k = L.review.kinds ?><?cs if:Queue.Count[name(k)] > 0 ?>
  <li id="todo-<?cs name:k ?>"><a href="<?cs var:Site.Prefix ?>/review?kind=<?cs name:k ?>"><?cs var:k ?> <strong class="count"><?cs var:Queue.Count[name(k)] ?></strong></a></li>
<?cs /if ?><?cs /each ?>
</ul>
<?cs if:Queue.Count.all == 0 ?><p id="todo-none"><?cs var:L.notices.todo_none ?></p><?cs /if ?>
<h3><?cs var:L.notices.latest ?><?cs if:Notices.Unread > 0 ?> <span class="tag" id="unread-count"><?cs var:Notices.Unread ?> <?cs var:L.notices.unread ?></span><?cs /if ?></h3>
<?cs call:notice_list(Notices, 5) ?>
<p><a href="<?cs var:Site.Prefix ?>/notices"><?cs var:L.notices.all ?></a></p>
</section>
<?cs /if ?>
<?cs include:"footer.cs" ?>
