<?cs include:"staff_menu.cs" ?><!DOCTYPE html>
<html lang="<?cs var:Page.Lang ?>">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="same-origin">
<link rel="icon" href="data:,">
<title><?cs if:Page.Title ?><?cs var:Page.Title ?> · <?cs /if ?><?cs var:L.app.name ?></title>
<link rel="stylesheet" href="<?cs var:Site.Prefix ?>/static/style.css?v=<?cs var:Static.Version ?>">
<?cs if:Page.Refresh ?><!-- [html-validate-disable-block meta-refresh: the gate code lives a minute, so a page without scripts renews itself; the scanner returns to scanning] --><?cs if:Page.RefreshNoScript ?><noscript><?cs /if ?><meta http-equiv="refresh" content="<?cs var:Page.Refresh ?><?cs if:Page.RefreshUrl ?>;url=<?cs var:Site.Prefix ?><?cs var:Page.RefreshUrl ?><?cs /if ?>"><?cs if:Page.RefreshNoScript ?></noscript><?cs /if ?><?cs /if ?>
<?cs each:js = Page.Script ?><script src="<?cs var:Site.Prefix ?>/static/<?cs var:js ?>?v=<?cs var:Static.Version ?>" defer></script><?cs /each ?>
</head>
<body class="page-<?cs var:Page.Name ?>">
<header class="top">
  <a class="brand" href="<?cs var:Site.Prefix ?>/"><?cs var:L.app.name ?></a>
  <nav aria-label="<?cs var:L.app.account_nav ?>">
    <a href="?lang=<?cs var:Page.OtherLang ?>" hreflang="<?cs var:Page.OtherLang ?>"><?cs var:L.app.other_lang ?></a>
    <?cs if:Who.Id ?>
    <span class="who"><?cs var:Who.Name ?></span>
    <a href="<?cs var:Site.Prefix ?>/password"<?cs if:Page.Name == "password" ?> aria-current="page"<?cs /if ?>><?cs var:L.app.password ?></a>
    <form method="post" action="<?cs var:Site.Prefix ?>/logout" class="inline">
      <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
      <button type="submit" class="link"><?cs var:L.app.logout ?></button>
    </form>
    <?cs /if ?>
  </nav>
</header>
<?cs if:Who.Is.Staff && Page.Name != "home" ?>
<nav class="staff-menu" aria-label="<?cs var:L.app.staff_nav ?>"><ul>
  <?cs call:menu_link("/", "home", L.home.title) ?>
  <?cs call:staff_links() ?>
</ul></nav>
<?cs /if ?>
<main>
