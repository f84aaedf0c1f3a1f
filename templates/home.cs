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
</p>
<ul class="links">
  <?cs call:staff_links() ?>
  <li><a href="<?cs var:Site.Prefix ?>/checkin"><?cs var:L.home.checkin ?></a></li>
  <li><a href="<?cs var:Site.Prefix ?>/card"><?cs var:L.home.my_card ?></a></li>
</ul>
</section>
<?cs include:"footer.cs" ?>
