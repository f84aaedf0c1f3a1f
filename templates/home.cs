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
  <li><a href="/checkin"><?cs var:L.home.checkin ?></a></li>
  <?cs if:Who.Is.Staff ?><li><a href="/return"><?cs var:L.home.my_return ?></a></li><?cs /if ?>
  <li><a href="/card"><?cs var:L.home.my_card ?></a></li>
  <li><a href="/phone"><?cs var:L.phone.title ?></a></li>
</ul>
</section>
<?cs include:"footer.cs" ?>
