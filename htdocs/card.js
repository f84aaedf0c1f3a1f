// card.js - the gate QR (and the building pass's, whose image names its
// own address in data-src), refreshed in place (the page reloads itself
// through <noscript> when scripts are off). The server takes a code for
// 60 seconds; a new one every data-refresh seconds keeps it well inside.
(function () {
	var img = document.getElementById('gate-qr');
	if (!img) return;
	var every = parseInt(img.getAttribute('data-refresh'), 10) || 30;
	// The image's own address (a pass's, or the card's), so a site under
	// a path prefix keeps it.
	var base = img.getAttribute('data-src') || img.getAttribute('src').replace(/\?.*$/, '') + '?';
	setInterval(function () {
		var next = new Image();
		next.onload = function () { img.src = next.src; };
		// Not an image: the session ended (a login page came back).
		// Reloading shows why instead of a code the gate will refuse.
		next.onerror = function () { location.reload(); };
		next.src = base + 'n=' + Date.now();
	}, every * 1000);
})();
