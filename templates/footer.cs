</main>
<footer class="bottom"><?cs var:Page.School ?></footer>
</body>
</html>
